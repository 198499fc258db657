// Old addresses and paths that name nothing, decided by the portal's server before Next runs a page:
// one or two indexed queries on the read model, instead of a Next proxy (middleware) on every request,
// which cost each page request Next's middleware machinery (BENCHMARKS.md, "Throughput").
import type { ArchiveReader } from "@/lib/archive/reader";
import { pageExists } from "@/lib/route-exists";
import { decodeSegment, paths } from "@/lib/urls";
import { edgeRule } from "@/lib/http/edge-policy";

/** A path no route matches: Next answers it with app/not-found.tsx, rendered whole, status 404. */
export const NOT_FOUND_PATH = "/_portal/not-found";

/** A listing's page 1 spelled out: /sections/economy/page/1, /tags/…/page/01/. */
const FIRST_PAGE = /^(\/(?:sections|tags|series|authors)\/[^/]+)\/page\/0*1\/?$/;

export type PageRoute = { redirect: string } | { notFound: true } | { pass: true };

/**
 * What to do with a request for `url` (path and query, as sent) at `now`: a permanent redirect for an old
 * address an article lists in `aliases` (once it is published) and for a listing's page 1 spelled out, the real 404 page for an article, section,
 * tag, series or author page (or page number) that does not exist (lib/route-exists.ts says why Next's own
 * would not do), else Next as usual.
 */
export async function routePage(reader: ArchiveReader, url: string, now: number): Promise<PageRoute> {
  const [pathname = "/", query] = url.split(/\?(.*)/s);
  // Build assets, photo variants, files from public/, the API, moderation: never an article or an old address.
  if (!edgeRule(pathname).page) return { pass: true };
  // A listing's first page has one address, the listing's own (paths.section and the rest write it so).
  const firstPage = FIRST_PAGE.exec(pathname);
  if (firstPage) return { redirect: `${firstPage[1]}${query ? `?${query}` : ""}` };
  // An article's own address is never an old one (lib/content/index.ts refuses such an alias), so a
  // published article passes on one lookup; the alias was looked up first for every page (BENCHMARKS.md,
  // "Where a page's time goes": the two lookups were 9 % of a request that reaches Next).
  const article = query === undefined ? ARTICLE_PATH.exec(pathname)?.[1] : undefined;
  if (article !== undefined && (await reader.exists(decodeSegment(article), now))) return { pass: true };
  const slug = await reader.aliasTarget(query ? `${pathname}?${query}` : pathname, now);
  if (slug) return { redirect: paths.article(slug) };
  if (article !== undefined) return { notFound: true };
  return (await pageExists(reader, pathname, now)) ? { pass: true } : { notFound: true };
}

/** An article's page, its slug as the path spells it. */
const ARTICLE_PATH = /^\/articles\/([^/]+)$/;
