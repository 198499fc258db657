import { kstToday } from "@/lib/dates";
import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse, visitorKey } from "@/lib/engagement/http";
import { publishedSlug } from "@/lib/articles";

/** POST /api/articles/[slug]/reads: one read per visitor (network) per article per Korean day, keyed by a salted hash. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    assertSameOrigin(request);
    const slug = await publishedSlug((await params).slug);
    const { service, clientSalt } = await getEngagement();
    const day = kstToday(new Date());
    const counted = await service.recordRead(slug, visitorKey(request, clientSalt, "read", day), day);
    return Response.json({ counted });
  } catch (error) {
    return errorResponse(error, "POST read");
  }
}
