import { kstToday } from "@/lib/dates";
import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse, visitorKey } from "@/lib/engagement/http";
import { invalidateShares } from "@/lib/engagement/live";
import { publishedSlug } from "@/lib/articles";

/**
 * POST /api/articles/[slug]/shares: counts one share per visitor per article per Korean day and answers the
 * count; a repeat answers 200 with the count unchanged and invalidates nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    assertSameOrigin(request);
    const slug = await publishedSlug((await params).slug);
    const { service, clientSalt } = await getEngagement();
    const day = kstToday(new Date());
    const { shares, counted } = await service.recordShare(slug, visitorKey(request, clientSalt, "share", day), day);
    if (counted) await invalidateShares(slug);
    return Response.json({ shares }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "POST share");
  }
}
