// The reference search: an in-memory index over the published articles (one- and two-character grams find
// candidates, an exact substring check on the compact text confirms them, lib/search-core/ranking.ts ranks
// them) that both engines' answers are tested against (tests/unit/read-model.test.ts) and benchmarked beside.
// Not used by the site: to learn how search works, read lib/search-core/ranking.ts and lib/archive/search-levels.ts.
import type { Article } from "@/lib/content/schema";
import { compact, parseQuery } from "@/lib/search-core/normalize";
import { scoreFields, SEARCH_FIELDS, searchableTags, type SearchFields } from "@/lib/search-core/ranking";

/** An indexed article. */
type Entry = { article: Article; fields: SearchFields; time: number };

export type SearchIndex = {
  entries: Entry[];
  /** gram (one or two characters of compact text) to the ids of entries containing it, ascending. */
  postings: Map<string, number[]>;
};

export type SearchHit = { article: Article; score: number; time: number };
export type SearchResult = { terms: string[]; display: string; total: number; hits: SearchHit[] };

function fieldsOf(article: Article): SearchFields {
  return {
    title: compact(article.title),
    // A separator that compact text never contains keeps a term from spanning two tags.
    tags: searchableTags(article).map(compact).join("\n"),
    summary: compact(article.summary ?? ""),
    body: compact(article.plainText),
  };
}

function gramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    grams.add(chars[i]!);
    if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
  }
  return grams;
}

/** Indexes `articles` (already filtered to what is published). */
export function buildSearchIndex(articles: Article[]): SearchIndex {
  const entries = articles.map((article) => ({ article, fields: fieldsOf(article), time: Date.parse(article.date) }));
  const postings = new Map<string, number[]>();
  entries.forEach((entry, id) => {
    const grams = new Set<string>();
    for (const field of SEARCH_FIELDS) for (const gram of gramsOf(entry.fields[field])) grams.add(gram);
    for (const gram of grams) {
      const list = postings.get(gram);
      if (list) list.push(id);
      else postings.set(gram, [id]);
    }
  });
  return { entries, postings };
}

function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

/** Entries that may contain `term`: those holding all its grams (a superset of the true matches). */
function candidatesFor(index: SearchIndex, term: string): number[] {
  const chars = [...term];
  const grams = chars.length === 1 ? [term] : [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
  const lists = grams.map((g) => index.postings.get(g) ?? []).sort((a, b) => a.length - b.length);
  return lists.slice(1).reduce(intersect, lists[0] ?? []);
}

/** Articles matching every term of `raw`, best first (ties: newer first, then slug); `offset`/`limit` page them. */
export function searchArticles(index: SearchIndex, raw: string, offset = 0, limit = 10): SearchResult {
  const { terms, display } = parseQuery(raw);
  if (!terms.length) return { terms, display, total: 0, hits: [] };
  const candidateIds = terms
    .map((t) => candidatesFor(index, t))
    .sort((a, b) => a.length - b.length)
    .reduce(intersect);
  const hits: SearchHit[] = [];
  for (const id of candidateIds) {
    const entry = index.entries[id]!;
    const score = scoreFields(entry.fields, terms);
    if (score > 0) hits.push({ article: entry.article, score, time: entry.time });
  }
  hits.sort((a, b) => b.score - a.score || b.time - a.time || (a.article.slug < b.article.slug ? -1 : 1));
  return { terms, display, total: hits.length, hits: hits.slice(offset, offset + limit) };
}
