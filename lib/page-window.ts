// Which page numbers a pager links: at 100,000 articles a section has 800 pages and a common word 7,000
// pages of results, and a link to each made the search page 2.3 MB of HTML. As newspapers' and search
// engines' pagers do, it links the first and last pages, a few around the current one, and marks the gaps.

/** A page number to link, or a gap standing for the pages left out. */
export type PageLink = number | "gap";

/** Pages linked on each side of the current one. */
export const PAGES_AROUND = 2;

/**
 * The pages a pager for `page` of `pageCount` links, in order: 1, the current page with PAGES_AROUND on
 * each side, and the last; a gap where pages are left out, except that a gap of one page is that page
 * (1 … 3 reads worse than 1 2 3 and is no shorter).
 */
export function pageWindow(page: number, pageCount: number, around: number = PAGES_AROUND): PageLink[] {
  if (pageCount < 1) return [];
  const current = Math.min(Math.max(1, page), pageCount);
  const shown = new Set([1, pageCount]);
  for (let n = current - around; n <= current + around; n++) if (n >= 1 && n <= pageCount) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  sorted.forEach((n, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && n - previous === 2) links.push(n - 1);
    else if (previous !== undefined && n - previous > 2) links.push("gap");
    links.push(n);
  });
  return links;
}
