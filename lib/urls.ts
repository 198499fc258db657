// Paths for every page kind, and the keys that turn Korean names (tags, series, authors) into URL segments.

/** URL segment for a tag, series or author name: NFC, lower-case, spaces and punctuation to hyphens. */
export function nameKey(name: string): string {
  return name
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Route params of non-ASCII segments may arrive percent-encoded; decode once, tolerating bad escapes. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).normalize("NFC");
  } catch {
    return segment.normalize("NFC");
  }
}

const pageSuffix = (page: number) => (page > 1 ? `/page/${page}` : "");

export const paths = {
  home: () => "/",
  article: (slug: string) => `/articles/${slug}`,
  section: (slug: string, page = 1) => `/sections/${slug}${pageSuffix(page)}`,
  tag: (name: string, page = 1) => `/tags/${encodeURIComponent(nameKey(name))}${pageSuffix(page)}`,
  series: (name: string, page = 1) => `/series/${encodeURIComponent(nameKey(name))}${pageSuffix(page)}`,
  author: (name: string, page = 1) => `/authors/${encodeURIComponent(nameKey(name))}${pageSuffix(page)}`,
};

type FeedScope = { kind: "sections" | "tags"; key: string };

const feedBase = (scope?: FeedScope) =>
  scope ? `/feeds/${scope.kind}/${encodeURIComponent(scope.kind === "sections" ? scope.key : nameKey(scope.key))}` : "/feeds";

export const feedPaths = {
  rss: (scope?: FeedScope) => `${feedBase(scope)}/rss.xml`,
  atom: (scope?: FeedScope) => `${feedBase(scope)}/atom.xml`,
};

/**
 * An old address as a lookup key: path NFC and percent-decoded, query parameters sorted, no fragment.
 * The address is a path whatever it looks like: a request for `//host…` or `//[bad` is a path of this
 * site, never an authority to parse (an invalid one threw, and answered 500).
 */
export function normalizeAlias(address: string): string {
  const url = new URL(`http://alias.invalid${address.startsWith("/") ? "" : "/"}${address}`);
  url.searchParams.sort();
  return `${decodeSegment(url.pathname)}${url.search}`;
}

/** A whole number of 1 or more (at most 10,000) from a query string value, else 1: for page and limit. */
export function queryNumber(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
