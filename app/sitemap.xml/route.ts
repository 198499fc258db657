import { getPublicationInstant, pageArchive } from "@/lib/articles";
import { renderSitemapIndex, renderUrlset, sitemapChunks, sitemapEntries } from "@/lib/seo/sitemaps";
import { xmlResponse } from "@/lib/seo/xml";

/** GET /sitemap.xml: every public URL, or an index of numbered files past 50,000 URLs. */
export async function GET() {
  const chunks = sitemapChunks(await sitemapEntries(pageArchive(), await getPublicationInstant()));
  return xmlResponse(chunks.length === 1 ? renderUrlset(chunks[0]!) : renderSitemapIndex(chunks));
}
