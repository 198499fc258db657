// An in-memory Korean search index over the published articles: one- and two-character grams find
// candidates, an exact substring check on the compact text confirms them, field weights rank them.
import type { Article } from "@/lib/content/schema";
import { compact, compactWithMap, parseQuery } from "@/lib/search/normalize";

/** Points for a term found in each field: title > tags > summary > body, as readers expect. */
export const FIELD_WEIGHTS = { title: 100, tags: 40, summary: 15, body: 5 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/** An article's compact text per field. */
export type SearchFields = Record<Field, string>;
type Entry = { article: Article; fields: SearchFields; time: number };

export type SearchIndex = {
  entries: Entry[];
  /** gram (one or two characters of compact text) to the ids of entries containing it, ascending. */
  postings: Map<string, number[]>;
};

export type SearchHit = { article: Article; score: number; time: number };
export type SearchResult = { terms: string[]; display: string; total: number; hits: SearchHit[] };

/**
 * What search weighs as tags: the tags, the words the title's abbreviations stand for (日 → 일본), then the
 * byline (each author's name and title, 권성욱 박사), so a reader finds a columnist's pieces by name and
 * 日's headlines by 일본, ranked as a tag would rank them.
 */
export function searchableTags(article: Pick<Article, "tags" | "authors" | "headlineWords">): string[] {
  return [
    ...article.tags,
    ...(article.headlineWords ?? []),
    ...article.authors.flatMap((author) => [author.name, ...(author.title ? [author.title] : [])]),
  ];
}

function fieldsOf(article: Article): Record<Field, string> {
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
    for (const field of FIELDS) for (const gram of gramsOf(entry.fields[field])) grams.add(gram);
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

/** Occurrences of `term` in `text`, counting at most `cap`. */
function occurrences(text: string, term: string, cap: number): number {
  let count = 0;
  for (let at = text.indexOf(term); at !== -1 && count < cap; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/** Points of an article with compact `fields` for `terms`; 0 unless every term occurs. */
export function scoreFields(fields: SearchFields, terms: string[]): number {
  let score = 0;
  for (const term of terms) {
    const best = FIELDS.find((field) => fields[field].includes(term));
    if (!best) return 0;
    // A little more for a term that recurs in the body, capped so long texts do not win by length.
    score += FIELD_WEIGHTS[best] + occurrences(fields.body, term, 5);
  }
  return score;
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

export type Snippet = { text: string; highlights: [number, number][] };

/**
 * A stretch of `text` (at most `width` characters) around the first match of any term, with every match
 * in it as [start, end) offsets into the returned text. Matching ignores spacing and case, like search.
 */
export function highlight(text: string, terms: string[], width = 120): Snippet {
  const source = text.replace(/\s+/g, " ").trim();
  const { compact: folded, origin } = compactWithMap(source);
  const matches: [number, number][] = [];
  for (const term of terms) {
    let from = folded.indexOf(term);
    while (from !== -1) {
      matches.push([origin[from]!, origin[from + term.length - 1]! + 1]);
      from = folded.indexOf(term, from + term.length);
    }
  }
  matches.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Overlapping matches of different terms become one highlight.
  const merged: [number, number][] = [];
  for (const match of matches) {
    const last = merged[merged.length - 1];
    if (last && match[0] <= last[1]) last[1] = Math.max(last[1], match[1]);
    else merged.push([...match]);
  }
  const first = matches[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), source.length - width));
  const end = Math.min(source.length, start + width);
  const prefix = start > 0 ? "…" : "";
  const highlights = merged
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: `${prefix}${source.slice(start, end)}${end < source.length ? "…" : ""}`, highlights };
}
