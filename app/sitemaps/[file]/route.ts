import { notFound } from "next/navigation";
import { getPublicationInstant, pageArchive } from "@/lib/articles";
import { renderUrlset, sitemapChunks, sitemapEntries } from "@/lib/seo/sitemaps";
import { xmlResponse } from "@/lib/seo/xml";

async function chunks() {
  return sitemapChunks(await sitemapEntries(pageArchive(), await getPublicationInstant()));
}

export async function generateStaticParams() {
  return (await chunks()).map((_, i) => ({ file: `${i + 1}.xml` }));
}

/** GET /sitemaps/[n].xml: the n-th part of a split sitemap. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^([1-9]\d*)\.xml$/.exec((await params).file);
  const all = await chunks();
  const chunk = match && all.length > 1 ? all[Number(match[1]) - 1] : undefined;
  if (!chunk) notFound();
  return xmlResponse(renderUrlset(chunk));
}
