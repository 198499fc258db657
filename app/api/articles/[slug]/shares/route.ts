import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse } from "@/lib/engagement/http";
import { invalidateArticle } from "@/lib/engagement/live";
import { publishedSlug } from "@/lib/engagement/routes";

/** POST /api/articles/[slug]/shares: counts one share; answers the new count. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    assertSameOrigin(request);
    const slug = await publishedSlug((await params).slug);
    const { service } = await getEngagement();
    const shares = await service.recordShare(slug);
    invalidateArticle(slug);
    return Response.json({ shares });
  } catch (error) {
    return errorResponse(error, "POST share");
  }
}
