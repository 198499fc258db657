// Listing pages (sections, tags, series, authors): which groups exist and which page a URL asks for.
import { paginate, type Catalog, type Page } from "@/lib/catalog";
import type { Article } from "@/lib/content/schema";
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
  page: Page<Article>;
  /** Path of page n of this listing. */
  pathOf: (page: number) => string;
};

type Group = { key: string; name: string; articles: Article[] };

function groupsOf(catalog: Catalog, kind: ListingKind): Group[] {
  switch (kind) {
    case "section":
      return SECTIONS.map((s) => ({ key: s.slug, name: s.name, articles: catalog.sections.get(s.slug) ?? [] })).filter(
        (g) => g.articles.length,
      );
    case "tag":
      return [...catalog.tags.values()];
    case "series":
      return [...catalog.series.values()];
    case "author":
      return [...catalog.authors.values()];
  }
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

const pageCountOf = (group: Group) => Math.max(1, Math.ceil(group.articles.length / site.pageSize));

/** Every page of every group of `kind`: its path, and all the group's articles (for sitemaps). */
export function listingPages(catalog: Catalog, kind: ListingKind): { path: string; articles: Article[] }[] {
  return groupsOf(catalog, kind).flatMap((group) =>
    Array.from({ length: pageCountOf(group) }, (_, i) => ({
      path: pathBuilder[kind](kind === "section" ? group.key : group.name, i + 1),
      articles: group.articles,
    })),
  );
}

/**
 * Static params for the listing pages that show at least one of the site's newest `articleLimit` articles:
 * what the build prerenders (docs/architecture.md: "What the build prerenders"). Every other page renders on its first
 * request, so the count follows the limit, not the size of the archive.
 */
export function listingParams(
  catalog: Catalog,
  kind: ListingKind,
  articleLimit: number = site.prerenderArticles,
): { key: string; page: string[] }[] {
  const newest = new Set(catalog.articles.slice(0, articleLimit));
  return groupsOf(catalog, kind).flatMap((group) =>
    Array.from({ length: pageCountOf(group) }, (_, i) => i + 1)
      .filter((page) => group.articles.slice((page - 1) * site.pageSize, page * site.pageSize).some((a) => newest.has(a)))
      .map((page) => ({ key: group.key, page: page === 1 ? [] : ["page", String(page)] })),
  );
}

/** The listing a URL asks for, or undefined (unknown group or page past the end) so the route answers 404. */
export function findListing(
  catalog: Catalog,
  kind: ListingKind,
  rawKey: string,
  segments: string[] | undefined,
): Listing | undefined {
  const key = kind === "section" ? rawKey : nameKey(decodeSegment(rawKey));
  const group = groupsOf(catalog, kind).find((g) => g.key === key);
  const pageNo = pageNumber(segments);
  if (!group || pageNo === undefined) return undefined;
  const page = paginate(group.articles, pageNo);
  if (!page) return undefined;
  const label = kind === "section" ? sectionName(group.key) : group.name;
  return {
    kind,
    key: group.key,
    ...describe[kind](label),
    page,
    pathOf: (n) => pathBuilder[kind](kind === "section" ? group.key : group.name, n),
  };
}
