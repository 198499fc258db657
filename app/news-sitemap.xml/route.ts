import { getPublicationInstant, pageArchive } from "@/lib/articles";
import { newsArticles, renderNewsSitemap } from "@/lib/seo/sitemaps";
import { xmlResponse } from "@/lib/seo/xml";

/** GET /news-sitemap.xml: Google News sitemap of the last 48 hours. */
export async function GET() {
  return xmlResponse(renderNewsSitemap(await newsArticles(pageArchive(), await getPublicationInstant())));
}
