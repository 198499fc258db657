// Search results shaped for the page and for GET /api/search.
import { numberedTitle, sectionName } from "@/lib/article-display";
import type { ArticleCard } from "@/lib/content/schema";
import { josa } from "es-hangul";
import { highlight, type Snippet } from "@/lib/search/highlight";
import { asTypedQuery, type UnderstoodSearch } from "@/lib/search/understand";

export const RESULTS_PER_PAGE = 10;
export const MAX_API_LIMIT = 20;
/**
 * How deep a search is read: a page's cost grows with its depth (the walk ranks every result before
 * it), and at 100,000 articles page 7,000 of a common word took 0.8 s for nobody to read. Search engines
 * stop likewise (Elasticsearch's max_result_window; Google's pager ends near 400 results).
 */
export const MAX_SEARCH_RESULTS = 1000;
export const MAX_SEARCH_PAGES = MAX_SEARCH_RESULTS / RESULTS_PER_PAGE;

/** Whether a page starting at `offset` lies past the results a search is read to (nothing is searched). */
export const pastSearchDepth = (offset: number) => offset >= MAX_SEARCH_RESULTS;

export type PresentedHit = { article: ArticleCard; title: Snippet; snippet: Snippet };

/** What presenting needs of a result: its terms, its total, and each hit's card with its whole text. */
type Found = Partial<Pick<UnderstoodSearch, "searchedFor" | "suggestion" | "leftOut" | "related" | "display">> & {
  terms: string[];
  total: number;
  totalIsEstimate?: true;
  rankingIsPartial?: true;
  hits: { article: ArticleCard; plainText: string }[];
};

/** What readers are told when a search's budget ran out before every match could be weighed. */
export const PARTIAL_RANKING_NOTE =
  "결과가 많아 일부 기사만 관련도를 따져 정렬했습니다. 검색어를 더 자세히 입력하면 더 정확해집니다.";

/** Each hit with its title and a stretch of its text highlighted. */
export function presentHits(result: Found): PresentedHit[] {
  return result.hits.map(({ article, plainText }) => ({
    article,
    title: highlight(numberedTitle(article), result.terms, Infinity),
    snippet: highlight(plainText, result.terms),
  }));
}

/** The JSON body of GET /api/search. */
export function searchJson(result: Found) {
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
    totalIsEstimate: result.totalIsEstimate ?? false,
    // The search's budget ran out: these are the best of the matches it read (lib/archive/search-budget.ts).
    rankingIsPartial: result.rankingIsPartial ?? false,
    // What was searched when it was not what was typed, the did-you-mean query, the words left out and the
    // words offered when nothing was found (lib/search/understand.ts), so the island says what the page says.
    searchedFor: result.searchedFor?.query ?? null,
    searchedBecause: result.searchedFor?.because ?? [],
    suggestion: result.suggestion ?? null,
    leftOut: result.leftOut ?? [],
    related: result.related ?? [],
    notes: rewriteLines(result.display ?? "", { leftOut: [], ...result }),
  };
}

/** A line telling the reader what was searched instead of what they typed, with a link where it helps. */
export type RewriteLine = { text: string; link?: { label: string; query: string } };

/** What to tell the reader about a search that was not searched as typed (lib/search/understand.ts). */
export function rewriteLines(
  typed: string,
  result: Pick<UnderstoodSearch, "searchedFor" | "suggestion" | "leftOut">,
): RewriteLine[] {
  const lines: RewriteLine[] = [];
  const searched = result.searchedFor;
  if (result.suggestion) lines.push({ text: "이것을 찾으셨나요?", link: { label: result.suggestion, query: result.suggestion } });
  const asTyped = { query: asTypedQuery(typed), label: `‘${typed}’${josa.pick(typed, "으로/로")} 검색` };
  if (searched?.because.includes("layout"))
    lines.push({
      text: `한/영 자판을 바꾸지 않고 입력한 것 같아 ‘${searched.query}’${josa.pick(searched.query, "으로/로")} 검색했습니다.`,
      link: asTyped,
    });
  else if (searched && searched.because.some((reason) => reason !== "fewer-words"))
    lines.push({ text: `‘${searched.query}’${josa.pick(searched.query, "으로/로")} 검색한 결과입니다.`, link: asTyped });
  if (result.leftOut.length && searched) {
    const words = result.leftOut.map((word) => `‘${word}’`).join(", ");
    lines.push({ text: `${words}${josa.pick(result.leftOut.at(-1)!, "은/는")} 찾지 못해 빼고 검색했습니다.` });
  }
  return lines;
}
