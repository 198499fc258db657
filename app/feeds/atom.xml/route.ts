import { feedResponse } from "@/lib/seo/feed-route";

/** GET /feeds/atom.xml: the whole site's newest articles. */
export async function GET() {
  return feedResponse("atom.xml");
}
