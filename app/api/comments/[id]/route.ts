import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, clientKey, errorResponse, idParam, readFields } from "@/lib/engagement/http";
import { invalidateComments } from "@/lib/engagement/live";

/**
 * DELETE /api/comments/[id] with { password }: the author removes their comment (204; 403 wrong password,
 * 429 after too many wrong ones, 404 for comments readers cannot see).
 */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const id = idParam((await params).id);
    const { fields } = await readFields(request);
    const { service, clientSalt } = await getEngagement();
    await invalidateComments(await service.deleteComment(id, fields.password, clientKey(request, clientSalt)));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error, "DELETE comment");
  }
}
