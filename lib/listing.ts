// Listing pages (sections, tags, series, authors): which groups exist and which page a URL asks for.
import type { ArchiveReader, ArticleCard, GroupSummary } from "@/lib/archive/reader";
import { sectionName } from "@/lib/article-display";
import { SECTIONS, site } from "@/lib/site";
import { decodeSegment, nameKey, paths } from "@/lib/urls";

export type ListingKind = "section" | "tag" | "series" | "author";

export type Listing = {
  kind: ListingKind;
  /** The group's URL key: a section slug, or nameKey of a tag, series or author. */
  key: string;
  title: string;
  description: string;
  page: Page<ArticleCard>;
  /** Path of page n of this listing. */
  pathOf: (page: number) => string;
};

/** One page of a listing: its items, its number (1-based) and how many pages there are. */
export type Page<T> = { items: T[]; page: number; pageCount: number };

/** The groups of `kind` with published articles: sections in the site's order, the rest as they first appear. */
async function groupsOf(reader: ArchiveReader, kind: ListingKind, now: number): Promise<GroupSummary[]> {
  const groups = await reader.groups(kind, now);
  if (kind !== "section") return groups;
  const byKey = new Map(groups.map((g) => [g.key, g]));
  return SECTIONS.flatMap((s) => byKey.get(s.slug) ?? []);
}

const describe: Record<ListingKind, (name: string) => { title: string; description: string }> = {
  section: (name) => ({ title: name, description: `${site.name} ${name} 섹션의 기사` }),
  tag: (name) => ({ title: `#${name}`, description: `‘${name}’ 관련어가 붙은 기사` }),
  series: (name) => ({ title: `연재: ${name}`, description: `연재 「${name}」를 순서대로` }),
  author: (name) => ({ title: `${name}의 글`, description: `${name}이(가) 쓴 기사와 칼럼` }),
};

const pathBuilder: Record<ListingKind, (name: string, page: number) => string> = {
  section: (slug, page) => paths.section(slug, page),
  tag: paths.tag,
  series: paths.series,
  author: paths.author,
};

/** The page number a `[[...page]]` segment asks for: [] is 1, ["page", "2"] is 2; anything else is undefined. */
export function pageNumber(segments: string[] | undefined): number | undefined {
  if (!segments || segments.length === 0) return 1;
  if (segments.length !== 2 || segments[0] !== "page" || !/^[1-9]\d*$/.test(segments[1] ?? "")) return undefined;
  const page = Number(segments[1]);
  return page >= 2 ? page : undefined;
}

const pageCountOf = (count: number) => Math.max(1, Math.ceil(count / site.pageSize));

/** Every page of every group of `kind`: its path and the newest change among the group's articles (sitemaps). */
export async function listingPages(
  reader: ArchiveReader,
  kind: ListingKind,
  now: number,
): Promise<{ path: string; lastModified?: string }[]> {
  const [lastModified, groups] = await Promise.all([reader.groupsLastModified(kind, now), groupsOf(reader, kind, now)]);
  return groups.flatMap((group) =>
    Array.from({ length: pageCountOf(group.count) }, (_, i) => ({
      path: pathBuilder[kind](kind === "section" ? group.key : group.name, i + 1),
      lastModified: lastModified.get(group.key),
    })),
  );
}

/**
 * Static params for the listing pages that show at least one of the site's newest `articleLimit` articles:
 * what the build prerenders (docs/architecture.md: "What the build prerenders"). Every other page renders on its first
 * request, so the count follows the limit, not the size of the archive.
 */
export async function listingParams(
  reader: ArchiveReader,
  kind: ListingKind,
  now: number,
  articleLimit: number = site.prerenderArticles,
): Promise<{ key: string; page: string[] }[]> {
  return (await reader.pagesHoldingNewest(kind, now, articleLimit, site.pageSize)).map(({ key, page }) => ({
    key,
    page: page === 1 ? [] : ["page", String(page)],
  }));
}

/**
 * The group and page number a listing URL asks for, or undefined (unknown group or page past the end):
 * whether the page exists, without reading its articles.
 */
export async function locateListing(
  reader: ArchiveReader,
  kind: ListingKind,
  rawKey: string,
  segments: string[] | undefined,
  now: number,
): Promise<{ group: GroupSummary; pageNo: number; pageCount: number } | undefined> {
  const key = kind === "section" ? rawKey : nameKey(decodeSegment(rawKey));
  const pageNo = pageNumber(segments);
  if (pageNo === undefined || (kind === "section" && !SECTIONS.some((s) => s.slug === key))) return undefined;
  const group = await reader.group(kind, key, now);
  if (!group) return undefined;
  const pageCount = pageCountOf(group.count);
  return pageNo > pageCount ? undefined : { group, pageNo, pageCount };
}

/** The listing a URL asks for, or undefined (unknown group or page past the end) so the route answers 404. */
export async function findListing(
  reader: ArchiveReader,
  kind: ListingKind,
  rawKey: string,
  segments: string[] | undefined,
  now: number,
): Promise<Listing | undefined> {
  const found = await locateListing(reader, kind, rawKey, segments, now);
  if (!found) return undefined;
  const { group, pageNo, pageCount } = found;
  const items = await reader.members(kind, group.key, now, site.pageSize, (pageNo - 1) * site.pageSize);
  const label = kind === "section" ? sectionName(group.key) : group.name;
  return {
    kind,
    key: group.key,
    ...describe[kind](label),
    page: { items, page: pageNo, pageCount },
    pathOf: (n) => pathBuilder[kind](kind === "section" ? group.key : group.name, n),
  };
}
