import { feedResponse } from "@/lib/seo/feed-route";

/** GET /feeds/rss.xml: the whole site's newest articles. */
export async function GET() {
  return feedResponse("rss.xml");
}
