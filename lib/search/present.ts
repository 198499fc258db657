// Search results shaped for the page and for GET /api/search.
import { numberedTitle, sectionName } from "@/lib/article-display";
import { highlight, type SearchResult, type Snippet } from "@/lib/search/index";
import type { Article } from "@/lib/content/schema";

export const RESULTS_PER_PAGE = 10;
export const MAX_API_LIMIT = 20;

export type PresentedHit = { article: Article; title: Snippet; snippet: Snippet };

/** Each hit with its title and a stretch of its text highlighted. */
export function presentHits(result: SearchResult): PresentedHit[] {
  return result.hits.map(({ article }) => ({
    article,
    title: highlight(numberedTitle(article), result.terms, Infinity),
    snippet: highlight(article.plainText, result.terms),
  }));
}

/** The JSON body of GET /api/search. */
export function searchJson(result: SearchResult) {
  return {
    results: presentHits(result).map(({ article, snippet }) => ({
      slug: article.slug,
      title: numberedTitle(article),
      section: article.section,
      sectionName: sectionName(article.section),
      date: article.date,
      snippet: snippet.text,
      highlights: snippet.highlights,
    })),
    total: result.total,
  };
}
