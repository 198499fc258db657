import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse, idParam, reporterKey } from "@/lib/engagement/http";
import { invalidateComments } from "@/lib/engagement/live";

/** POST /api/comments/[id]/report: one report per reader network (reporterKey); enough of them hide the comment for review (404 once hidden). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const id = idParam((await params).id);
    const { service, clientSalt } = await getEngagement();
    const result = await service.reportComment(id, reporterKey(request, clientSalt));
    if (result.hidden) await invalidateComments(result.articleSlug);
    return Response.json({ hidden: result.hidden });
  } catch (error) {
    return errorResponse(error, "POST report");
  }
}
