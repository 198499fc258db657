import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse, idParam, readFields } from "@/lib/engagement/http";
import { invalidateArticle } from "@/lib/engagement/live";

/** DELETE /api/comments/[id] with { password }: the author removes their comment (204; 403 wrong password). */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const id = idParam((await params).id);
    const { fields } = await readFields(request);
    const { service } = await getEngagement();
    invalidateArticle(await service.deleteComment(id, fields.password));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error, "DELETE comment");
  }
}
