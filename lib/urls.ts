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
