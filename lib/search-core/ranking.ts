// How search ranks, in one place: what a title, a tag, the summary and the body are worth, how many of a
// term's repeats in the body count, and what weighs as a tag. Everything that ranks is generated from
// this module: the exact score of one article (scoreFields, which both engines apply to the rows they
// read), the index's states and levels (lib/archive/search-levels.ts: a state's score is a sum of these
// weights and repeat levels), and the in-memory reference the tests rank against
// (scripts/lib/search-reference.ts). Changing a weight is one edit here; tests/unit/ranking.test.ts shows
// both engines and the reference agree on a corpus.

/**
 * What search reads of an article (lib/content/schema.ts `Article` holds it all): written out here so that
 * the search core needs nothing above it, and content can check its articles against it.
 */
export type SearchableText = {
  title: string;
  tags: string[];
  authors: { name: string; title?: string }[];
  headlineWords?: string[];
  summary?: string;
  plainText: string;
};

/** Points for a term found in each field: title > tags > summary > body, as readers expect. */
export const FIELD_WEIGHTS = { title: 100, tags: 40, summary: 15, body: 5 } as const;
export type SearchField = keyof typeof FIELD_WEIGHTS;
/** The fields from best to worst: a term scores the weight of the first one holding it. */
export const SEARCH_FIELDS = Object.keys(FIELD_WEIGHTS) as SearchField[];

/**
 * Occurrences of a term in the body that earn a point each: a term that recurs ranks a little higher,
 * capped so that long texts do not win by length. Also the index's highest repeat level.
 */
export const MAX_REPEATS = 5;

/** An article's compact text per field (lib/search-core/normalize.ts `compact`). */
export type SearchFields = Record<SearchField, string>;

/**
 * What search weighs as tags: the tags, the words the title's abbreviations stand for (日 → 일본), then the
 * byline (each author's name and title, 권성욱 박사), so a reader finds a columnist's pieces by name and
 * 日's headlines by 일본, ranked as a tag would rank them.
 */
export function searchableTags(article: Pick<SearchableText, "tags" | "authors" | "headlineWords">): string[] {
  return [
    ...article.tags,
    ...(article.headlineWords ?? []),
    ...article.authors.flatMap((author) => [author.name, ...(author.title ? [author.title] : [])]),
  ];
}

/** Non-overlapping occurrences of `term` in `text`, left to right, counting at most `cap`. */
export function occurrences(text: string, term: string, cap = MAX_REPEATS): number {
  let count = 0;
  for (let at = text.indexOf(term); at !== -1 && count < cap; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/** Points of an article with compact `fields` for `terms`; 0 unless every term occurs. */
export function scoreFields(fields: SearchFields, terms: string[]): number {
  let score = 0;
  for (const term of terms) {
    const best = SEARCH_FIELDS.find((field) => fields[field].includes(term));
    if (!best) return 0;
    score += FIELD_WEIGHTS[best] + occurrences(fields.body, term);
  }
  return score;
}

/**
 * The most an article whose short fields are `heads` can score for `terms`, whatever its body: each term
 * in the best short field holding it, or in the body, repeated MAX_REPEATS times (scoreFields with the body
 * unread). A ranking that already holds better skips reading the body.
 */
export function scoreBound(heads: Omit<SearchFields, "body">, terms: string[]): number {
  let bound = 0;
  for (const term of terms) {
    const best = SEARCH_FIELDS.find((field) => field === "body" || heads[field].includes(term))!;
    bound += FIELD_WEIGHTS[best] + MAX_REPEATS;
  }
  return bound;
}

/** The most that repeats in the body can add to a score of `termCount` terms. */
export const maxRepeatPoints = (termCount: number) => MAX_REPEATS * termCount;
