// sitemap.xml (split with an index past the protocol's limit) and the Google News sitemap.
import type { ArchiveReader, ArticleCard } from "@/lib/archive/reader";
import { numberedTitle } from "@/lib/article-display";
import { listingPages, type ListingKind } from "@/lib/listing";
import { xmlEscape } from "@/lib/seo/xml";
import { absoluteUrl, site } from "@/lib/site";
import { paths } from "@/lib/urls";
import { yieldWithinRender } from "@/lib/yield-to-readers";

export type SitemapEntry = { loc: string; lastmod?: string };

const LISTING_KINDS: ListingKind[] = ["section", "tag", "series", "author"];

/**
 * How long a list of entries is kept for the next asker with the same reader and instant. A build asks
 * for it from each sitemap route and file (nine times at 100,000 articles, 0.75 s of queries each) and a
 * crawler fetches the files one after another; kept longer, the list (about 20 MB at 100,000 articles)
 * would sit in every server's memory between crawls.
 */
export const SITEMAP_REUSE_MS = 10_000;

// Process-wide, not module-wide: sitemap.xml and sitemaps/[file] are separate bundles.
const recent: WeakMap<ArchiveReader, { now: number; entries: Promise<SitemapEntry[]> }> = ((
  globalThis as { [key: symbol]: WeakMap<ArchiveReader, { now: number; entries: Promise<SitemapEntry[]> }> }
)[Symbol.for("portal.recentSitemapEntries")] ??= new WeakMap());

/** Every public URL once at `now`: home, each published article, every page of every listing. */
export function sitemapEntries(reader: ArchiveReader, now: number): Promise<SitemapEntry[]> {
  const kept = recent.get(reader);
  if (kept?.now === now) return kept.entries;
  const entries = listEntries(reader, now);
  const forget = () => {
    if (recent.get(reader)?.entries === entries) recent.delete(reader);
  };
  recent.set(reader, { now, entries });
  entries.catch(forget);
  setTimeout(forget, SITEMAP_REUSE_MS).unref();
  return entries;
}

async function listEntries(reader: ArchiveReader, now: number): Promise<SitemapEntry[]> {
  const [articles, ...listings] = await Promise.all([
    reader.sitemapArticles(now),
    ...LISTING_KINDS.map((kind) => listingPages(reader, kind, now)),
  ]);
  const newest = articles.reduce<string | undefined>(
    (max, a) => (!max || a.lastModified > max ? a.lastModified : max),
    undefined,
  );
  const entries: SitemapEntry[] = [{ loc: absoluteUrl("/"), lastmod: newest }];
  const origin = absoluteUrl("/").slice(0, -1);
  // Paths are the site's own (no dot segments, no host), so the origin and the path make the URL: a
  // URL object per entry was most of building 100,000 of them.
  for (const [i, article] of articles.entries()) {
    if (i > 0 && i % ENTRIES_BETWEEN_YIELDS === 0) await yieldWithinRender();
    entries.push({ loc: origin + paths.article(article.slug), lastmod: article.lastModified });
  }
  for (const pages of listings) for (const page of pages) entries.push({ loc: origin + page.path, lastmod: page.lastModified });
  return entries;
}

/** Entries made between two yields to other requests. */
const ENTRIES_BETWEEN_YIELDS = 10_000;

/** Splits entries into files of at most `max` URLs. */
export function sitemapChunks(entries: SitemapEntry[], max: number = site.sitemapMaxUrls): SitemapEntry[][] {
  const chunks: SitemapEntry[][] = [];
  for (let i = 0; i < entries.length; i += max) chunks.push(entries.slice(i, i + max));
  return chunks.length ? chunks : [[]];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A <urlset> document. */
export function renderUrlset(entries: SitemapEntry[]): string {
  const urls = entries.map(
    (e) => `  <url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${xmlEscape(e.lastmod)}</lastmod>` : ""}</url>`,
  );
  return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** A <sitemapindex> pointing at the numbered sitemap files. */
export function renderSitemapIndex(chunks: SitemapEntry[][]): string {
  const items = chunks.map((chunk, i) => {
    const lastmod = chunk.reduce<string | undefined>(
      (max, e) => (e.lastmod && (!max || e.lastmod > max) ? e.lastmod : max),
      undefined,
    );
    return `  <sitemap><loc>${xmlEscape(absoluteUrl(`/sitemaps/${i + 1}.xml`))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
  });
  return `${XML_HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}

/** Articles for the Google News sitemap: published within the last `hours` before `now`, with an exact date. */
export function newsArticles(reader: ArchiveReader, now: number, hours: number = site.newsSitemapHours): Promise<ArticleCard[]> {
  return reader.publishedBetween(now - hours * 3_600_000, now);
}

/**
 * The Google News sitemap: publication name and language ko for each article. With nothing from the last
 * 48 hours it lists the home page without news tags: the sitemaps.org schema requires at least one <url>,
 * and a <url> without <news:news> is valid and adds nothing to Google News.
 */
export function renderNewsSitemap(articles: ArticleCard[]): string {
  if (!articles.length)
    return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n  <url><loc>${xmlEscape(absoluteUrl("/"))}</loc></url>\n</urlset>\n`;
  const urls = articles.map(
    (a) => `  <url>
    <loc>${xmlEscape(absoluteUrl(paths.article(a.slug)))}</loc>
    <news:news>
      <news:publication><news:name>${xmlEscape(site.name)}</news:name><news:language>${site.language}</news:language></news:publication>
      <news:publication_date>${a.date}</news:publication_date>
      <news:title>${xmlEscape(numberedTitle(a))}</news:title>
    </news:news>
  </url>`,
  );
  return `${XML_HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}
