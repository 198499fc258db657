// What the read model indexes of each article for search (lib/archive/write.ts, lib/archive/postgres/sync.ts):
// its compact fields, and as tokens of their own the facts ranking needs (lib/search-core/ranking.ts), so that a
// query can ask the index for the articles of one score (lib/archive/search-levels.ts): "this character is
// in the title", "this two-character gram occurs at least 3 times in the body".
import { MAX_REPEATS, searchableTags, type SearchableText } from "@/lib/search-core/ranking";
import { compact, normalizeText } from "@/lib/search-core/normalize";

/** The digit that marks a gram of a short field in the levels column; 1–5 are the body's repeat levels. */
export const FIELD_MARK = { title: 7, tags: 8, summary: 9 } as const;
export type ShortField = keyof typeof FIELD_MARK;
export const SHORT_FIELDS = Object.keys(FIELD_MARK) as ShortField[];

/**
 * The levels column of an article's compact fields, as FTS5 tokens (every token is its gram and a digit,
 * so tokens of one- and two-character grams never collide):
 * - each character and two-character gram of the title, tags (each tag apart) and summary, marked 7, 8, 9;
 * - each character of the body with its occurrences, 1 to 5 (5: five or more);
 * - each two-character gram occurring more than once in the body with its occurrences, 2 to 5 (once is
 *   the body column's own gram token), counted without overlap, left to right, as scoreFields counts
 *   (가가가 holds 가가 once);
 * - each three-character gram (of characters below U+10000) occurring more than once in the body with its
 *   occurrences, 2 to 5, overlaps counted: a bound on a longer term's repeats. Its two-character grams
 *   bound them too, but loosely where they are common on their own (충북 and 회장 in 충북도체육회장), and
 *   the walk then reads thousands of bodies that hold the term once to find the few that repeat it.
 * It runs once per article per build, so it keeps to one pass and plain maps.
 */
export function levelTokens(
  fields: { title: string; tagRuns: string[]; summary: string; body: string },
  { bigramsOnce = false } = {},
): string[] {
  const marks = new Set<string>();
  const mark = (run: string, digit: number) => {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      marks.add(chars[i]! + digit);
      if (i + 1 < chars.length) marks.add(chars[i]! + chars[i + 1]! + digit);
    }
  };
  mark(fields.title, FIELD_MARK.title);
  for (const run of fields.tagRuns) mark(run, FIELD_MARK.tags);
  mark(fields.summary, FIELD_MARK.summary);

  // Counting sorts the body's character codes and gram codes and reads off the runs: faster than a map per
  // gram, and this runs once per article per build.
  const body = fields.body;
  const all = new Uint32Array(body.length);
  let length = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.codePointAt(i)!;
    all[length++] = code;
    if (code > 0xffff) i++;
  }
  const codes = all.subarray(0, length);
  const pairs = new Float64Array(Math.max(length - 1, 0));
  let pairCount = 0;
  let counted = -2; // where the last counted doubled character (가가) started: the next one overlaps it
  for (let i = 0; i + 1 < length; i++) {
    if (codes[i] === codes[i + 1]) {
      if (counted === i - 1) continue;
      counted = i;
    }
    pairs[pairCount++] = codes[i]! * 0x110000 + codes[i + 1]!;
  }
  // Three characters below U+10000 as one number under 2^48 (exact in a double), sorted as the pairs are.
  const triples = new Float64Array(Math.max(length - 2, 0));
  let tripleCount = 0;
  for (let i = 0; i + 2 < length; i++)
    if (codes[i]! <= 0xffff && codes[i + 1]! <= 0xffff && codes[i + 2]! <= 0xffff)
      triples[tripleCount++] = codes[i]! * 2 ** 32 + codes[i + 1]! * 2 ** 16 + codes[i + 2]!;
  const tokens = [...marks];
  runs(triples.subarray(0, tripleCount).sort(), (triple, count) => {
    if (count > 1)
      tokens.push(
        String.fromCharCode(Math.floor(triple / 2 ** 32), Math.floor(triple / 2 ** 16) % 2 ** 16, triple % 2 ** 16) +
          Math.min(count, MAX_REPEATS),
      );
  });
  runs(codes.sort(), (code, count) => tokens.push(String.fromCodePoint(code) + Math.min(count, MAX_REPEATS)));
  runs(pairs.subarray(0, pairCount).sort(), (pair, count) => {
    if (count > 1 || bigramsOnce)
      tokens.push(String.fromCodePoint(Math.floor(pair / 0x110000), pair % 0x110000) + Math.min(count, MAX_REPEATS));
  });
  return tokens;
}

/** The compact search fields of an article (what the in-memory reference indexes). */
export function searchFields(article: SearchableText) {
  const tags = searchableTags(article).map(compact);
  return {
    title: compact(article.title),
    // A separator compact text never contains keeps a term from spanning two tags.
    tags: tags.join("\n"),
    tagRuns: tags,
    summary: compact(article.summary ?? ""),
    body: compact(article.plainText),
  };
}

/** The digit of a gram's "anywhere" token in PostgreSQL (1–5 are repeat levels, 7–9 fields, 0 words). */
export const PRESENT = 6;

/**
 * An article's gram tokens in PostgreSQL: levelTokens with a token for a two-character gram's single
 * occurrence too (a tsquery has no phrases to find it by), and for each gram one saying it is anywhere
 * (시6): counting a word's matches then reads one posting list, not eight. Each three-character gram of
 * a field says it is anywhere too (사이언6): without phrases, a longer term's two-character grams alone
 * match most of the archive even when the term is in no article (기술지역: 기술, 술지 and 지역 are each
 * common), and every such article would have its fields read. A three-character term's own gram is exact.
 */
export function searchTokens(fields: { title: string; tagRuns: string[]; summary: string; body: string }): string[] {
  const tokens = levelTokens(fields, { bigramsOnce: true });
  const present = new Set(tokens.map((token) => token.slice(0, -1) + PRESENT));
  for (const run of [fields.title, ...fields.tagRuns, fields.summary, fields.body])
    for (const gram of trigrams([...run])) present.add(gram + PRESENT);
  return [...tokens, ...present];
}

/** Whether a three-character gram has repeat levels of its own (levelTokens): its characters are below U+10000. */
export const hasTrigramLevels = (gram: string) => gram.length === 3;

/** The three-character grams of a run of compact text's characters, in order. */
export function trigrams(chars: string[]): string[] {
  return chars.slice(2).map((c, i) => chars[i]! + chars[i + 1]! + c);
}

/** Words whose token ends with this digit: longer than any gram's token, so never the same. */
export const WORD_MARK = "0";
const WORD_LENGTH = { min: 3, max: 64 };

/**
 * The words of an article's searchable text (letters and digits between anything else, as `compact`
 * joins them), of three to 64 characters: a term found inside one of them is in the article for certain,
 * so counting a common longer term reads no bodies (PostgresArchiveReader.search). A term across two words
 * (사이언스 파크 for 사이언스파크) is still found, by reading the fields of the articles holding its grams.
 */
export function searchWords(article: SearchableText): string[] {
  const words = new Set<string>();
  for (const text of [article.title, ...searchableTags(article), article.summary ?? "", article.plainText])
    for (const word of normalizeText(text).split(/[^\p{L}\p{N}]+/u)) {
      const length = [...word].length;
      if (length >= WORD_LENGTH.min && length <= WORD_LENGTH.max) words.add(word);
    }
  return [...words];
}

/**
 * An article's tokens in PostgreSQL's tsvector: its levels tokens (with single bigrams) and its words.
 */
export function postgresTokens(article: SearchableText, fields = searchFields(article)): string[] {
  return [...searchTokens(fields), ...searchWords(article).map((word) => word + WORD_MARK)];
}

/** What a tsvector holds of lexeme text: PostgreSQL stores each lexeme's offset in 20 bits. */
const TSVECTOR_BYTES = (1 << 20) - 1;
/**
 * Characters of compact text whose tokens surely fit: per character at most a character token and a pair
 * token (or a short field's two marks), the three "anywhere" tokens (character, pair, three characters),
 * 41 bytes, a three-character gram's repeat level, 10, and its share of a word, 5.
 */
const SURELY_FITTING = Math.floor(TSVECTOR_BYTES / 56);
/** The most characters NFKC makes of one (U+FDFA). */
const NFKC_GROWTH = 18;

/**
 * Whether an article's tokens fit a tsvector. A text needs tens of thousands of distinct pairs of
 * characters to overflow it, which prose does not reach within the 512 KB a file may hold, but random
 * syllables or a dump of identifiers do, and would stop PostgreSQL's sync. Short texts are let through
 * by their length alone.
 */
export function tokensFit(article: SearchableText): boolean {
  const raw = [article.title, ...searchableTags(article), article.summary ?? "", article.plainText].reduce(
    (n, text) => n + text.length,
    0,
  );
  if (raw * NFKC_GROWTH <= SURELY_FITTING) return true;
  const fields = searchFields(article);
  if (fields.title.length + fields.tags.length + fields.summary.length + fields.body.length <= SURELY_FITTING) return true;
  let bytes = 0;
  for (const token of postgresTokens(article, fields)) bytes += Buffer.byteLength(token);
  return bytes <= TSVECTOR_BYTES;
}

/** Each distinct value of `sorted` with how many times it occurs. */
function runs(sorted: Uint32Array | Float64Array, each: (value: number, count: number) => void): void {
  for (let start = 0, end = 0; start < sorted.length; start = end) {
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    each(sorted[start]!, end - start);
  }
}
