import { kstToday } from "@/lib/dates";
import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, clientAddress, errorResponse } from "@/lib/engagement/http";
import { publishedSlug } from "@/lib/engagement/routes";
import { saltedHash } from "@/lib/engagement/secrets";

/** POST /api/articles/[slug]/reads: one read per visitor per article per Korean day, keyed by a salted hash. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    assertSameOrigin(request);
    const slug = await publishedSlug((await params).slug);
    const { service, clientSalt } = await getEngagement();
    const day = kstToday(new Date());
    // The day is in the hash too, so one visitor's reads cannot be linked across days.
    const visitor = saltedHash(clientSalt, "read", day, clientAddress(request.headers), request.headers.get("user-agent") ?? "");
    const counted = await service.recordRead(slug, visitor, day);
    return Response.json({ counted });
  } catch (error) {
    return errorResponse(error, "POST read");
  }
}
