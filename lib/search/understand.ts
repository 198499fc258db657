// What a Korean reader meant, when what they typed finds nothing: the search page and /api/search ask
// through here, and both engines answer the same questions (SearchSource.search), so each rule is written
// once. What was typed is always searched first and wins when it finds anything; quoted words are
// searched as typed. Then, per word that finds nothing: the noun without its particle (아카데미가 →
// 아카데미), the heading its 초성 spell (ㄱㄴㄱㅇ → 가나가와), the word a half-composed syllable is heading
// for (가나강 → 가나가와), the archive's word one jamo away (가나가화 → 가나가와); a word still finding
// nothing is left out, and so is, one at a time, the rarest word while the rest find nothing together.
// A query typed with the keyboard left in English is searched as the Hangul it spells when that finds
// more (rkskrkdhk → 가나가와). Every step is a bounded search (lib/archive/search-budget.ts), and there
// are at most MAX_COUNTS counts or searches besides what was typed and the answer; none is asked twice.
import type { ArchiveSearchResult, SearchSource } from "@/lib/search/source";
import type { SearchFilter } from "@/lib/search/filters";
import { compatibilityJamo, composingParts, fromEnglishLayout, isInitialsQuery, particleStems } from "@/lib/search/hangul";
import { compact, MAX_TERMS, parseQuery } from "@/lib/search-core/normalize";
import { Vocabulary } from "@/lib/search/vocabulary";
import { yieldToReaders } from "@/lib/yield-to-readers";

/** Why the query searched is not the one typed. */
export type Rewrite = "abbreviation" | "layout" | "particle" | "initials" | "composing" | "typo" | "fewer-words";

export type UnderstoodSearch = ArchiveSearchResult & {
  /** The query actually searched, when it is not what was typed, and why. */
  searchedFor?: { query: string; because: Rewrite[] };
  /** 이것을 찾으셨나요?: the query with the archive's nearest words, when one was a likely typo. */
  suggestion?: string;
  /** Words of the query no article (or none holding the others) holds, left out of the search. */
  leftOut: string[];
  /** Words of the archive near what was asked (이런 관련어로 찾아보세요), when it found nothing. */
  related: string[];
};

/** Counts one search may ask besides its searches: each is one bounded count on either engine. */
export const MAX_COUNTS = 16;
/**
 * How long one search's counts may take in all: past it, a word is taken as found (searched as typed). At
 * 100,000 articles a count of a phrase of common grams that no article holds reads every candidate.
 */
export const COUNTING_MS = 150;

/** The vocabulary of each reader, parsed once (every line of it is read at start by warmVocabulary). */
const vocabularies = new WeakMap<SearchSource, Promise<Vocabulary>>();

/** The reader's vocabulary, parsed on first use. */
export function vocabularyOf(reader: SearchSource): Promise<Vocabulary> {
  let vocabulary = vocabularies.get(reader);
  if (!vocabulary) {
    vocabulary = Promise.all([reader.vocabulary(), reader.abbreviations()]).then(
      ([text, abbreviations]) => new Vocabulary(text, abbreviations),
    );
    vocabularies.set(reader, vocabulary);
    vocabulary.catch(() => vocabularies.delete(reader));
  }
  return vocabulary;
}

/** One search's counting allowance: past it, a word is taken as found (searched as typed). */
class Counter {
  private spent = 0;
  private readonly known = new Map<string, number>();
  /** Pages of words in few articles (holdersOf), each read once: the page when whole, else undefined. */
  private readonly fewPages = new Map<string, ArchiveSearchResult | undefined>();
  private readonly deadline = performance.now() + COUNTING_MS;
  constructor(
    private readonly reader: SearchSource,
    private readonly now: number,
    private readonly filter: SearchFilter | undefined,
  ) {}

  /** What a search already done found: `query` is not counted again. */
  knows(query: string, total: number): void {
    this.known.set(query, total);
  }

  /** How many articles `query` was found in, if it was asked. */
  knownTotal(query: string): number | undefined {
    return this.known.get(query);
  }

  /**
   * The articles (slugs) holding `query`, a word counted to be in at most FEW_ARTICLES: its one page, read
   * once. Not one of the allowance's counts: at most one a word, each a search of a few matches (~1–3 ms at
   * 100,000 articles). Undefined for a word in more, or once the time allowance is spent.
   */
  async holdersOf(query: string): Promise<Set<string> | undefined> {
    const total = this.known.get(query);
    if (total === undefined || total === 0 || total > FEW_ARTICLES) return undefined;
    if (!this.fewPages.has(query)) {
      if (performance.now() > this.deadline) return undefined;
      await yieldToReaders();
      const page = await this.reader.search(query, this.now, 0, FEW_ARTICLES, this.filter);
      this.fewPages.set(query, !page.totalIsEstimate && page.hits.length === page.total ? page : undefined);
    }
    const page = this.fewPages.get(query);
    return page && new Set(page.hits.map((hit) => hit.article.slug));
  }

  /** `query`'s page out of its few-articles page, when that was read whole (holdersOf). */
  private fromFewPage(query: string, offset: number, limit: number): ArchiveSearchResult | undefined {
    const page = this.fewPages.get(query);
    return page && { ...page, hits: page.hits.slice(offset, offset + limit) };
  }

  /** `query`'s page: not one of the allowance's counts (the answer). */
  async answer(query: string, offset: number, limit: number): Promise<ArchiveSearchResult> {
    const few = this.fromFewPage(query, offset, limit);
    if (few) return few;
    await yieldToReaders();
    return this.reader.search(query, this.now, offset, limit, this.filter);
  }

  /** How many published articles hold every word of `query`; undefined once the allowance is spent. */
  async count(query: string): Promise<number | undefined> {
    const known = this.known.get(query);
    if (known !== undefined) return known;
    return (await this.search(query, 0, 0))?.total;
  }

  /**
   * `query`'s page (a count when `limit` is 0) as one of the allowance's counts: where what is counted is
   * then searched, a page costs about what its count does (few matches), and is not asked twice.
   * Undefined once the allowance is spent.
   */
  async search(query: string, offset: number, limit: number): Promise<ArchiveSearchResult | undefined> {
    const few = this.fromFewPage(query, offset, limit);
    if (few) return few;
    if (this.spent >= MAX_COUNTS || performance.now() > this.deadline) return undefined;
    // Each count is one statement, synchronous on SQLite: the requests waiting go between two of them.
    await yieldToReaders();
    this.spent++;
    const result = await this.reader.search(query, this.now, offset, limit, this.filter);
    // A count alone may be estimated sooner (lib/archive/estimate.ts): a page's own total is kept over it.
    if (limit > 0 || !this.known.has(query)) this.known.set(query, result.total);
    return result;
  }
}

/** A word of the query as the reader typed it, and what is searched for it. */
type Word = { typed: string; searched: string; because?: Rewrite; quoted: boolean };

/** The query's words: quoted phrases whole (searched as typed), the rest split on spaces. */
function wordsOf(display: string): Word[] {
  const words: Word[] = [];
  const rest = display.replace(/"([^"]*)"/g, (_match, inner: string) => {
    if (compact(inner)) words.push({ typed: `"${inner}"`, searched: `"${inner}"`, quoted: true });
    return " ";
  });
  for (const typed of rest.split(" ")) if (compact(typed)) words.push({ typed, searched: typed, quoted: false });
  return words.slice(0, MAX_TERMS);
}

const queryOf = (words: Word[]) => words.map((word) => word.searched).join(" ");

/** `display` with every word quoted: searched exactly as typed (the link under a rewritten search). */
export function asTypedQuery(display: string): string {
  return wordsOf(display)
    .map((word) => (word.quoted ? word.typed : `"${word.typed}"`))
    .join(" ");
}

/**
 * The search a reader means by `raw`: what they typed, or what it spells, stands for or nearly is (see
 * the file's head), ranked by the engine as if that had been typed, sorted and narrowed by `filter`.
 */
export async function understandSearch(
  reader: SearchSource,
  raw: string,
  now: number,
  offset: number,
  limit: number,
  filter?: SearchFilter,
): Promise<UnderstoodSearch> {
  const vocabulary = await vocabularyOf(reader);
  // A headline abbreviation typed (日) is searched as its word (일본), which finds the titles abbreviating
  // it too (their headlineWords): the other way round, 일본 finds them as it is.
  const typedWords = wordsOf(parseQuery(raw).display);
  const expanded = typedWords.map((word) => {
    const full = word.quoted ? undefined : vocabulary.abbreviations[word.typed];
    return full ? { ...word, searched: full, because: "abbreviation" as const } : word;
  });
  const asked: Asked = { reader, vocabulary, now, offset, limit, filter };
  if (!expanded.some((word) => word.because)) return understandWords(asked, raw);
  const result = await understandWords(asked, queryOf(expanded));
  const because: Rewrite[] = ["abbreviation", ...(result.searchedFor?.because ?? [])];
  return {
    ...result,
    display: typedWords.map((word) => word.typed).join(" "),
    searchedFor: { query: result.searchedFor?.query ?? queryOf(expanded), because },
  };
}

/** What one search is asked besides its query: the reader, its vocabulary, the instant and the page. */
type Asked = {
  reader: SearchSource;
  vocabulary: Vocabulary;
  now: number;
  offset: number;
  limit: number;
  filter: SearchFilter | undefined;
};

/** understandSearch for a query whose abbreviations are spelt out. */
async function understandWords(
  { reader, vocabulary, now, offset, limit, filter }: Asked,
  raw: string,
): Promise<UnderstoodSearch> {
  const typed = await reader.search(raw, now, offset, limit, filter);
  const plain = { ...typed, leftOut: [], related: [] };
  if (!typed.terms.length) return plain;
  const counter = new Counter(reader, now, filter);
  counter.knows(queryOf(wordsOf(typed.display)), typed.total);

  // The keyboard left in English: searched as Hangul when that finds more than the letters do.
  const hangul = fromEnglishLayout(typed.display);
  if (hangul) {
    const found = await counter.count(hangul);
    if (found !== undefined && found > typed.total) {
      await yieldToReaders();
      return {
        ...(await reader.search(hangul, now, offset, limit, filter)),
        display: typed.display,
        searchedFor: { query: hangul, because: ["layout"] },
        leftOut: [],
        related: [],
      };
    }
  }
  if (typed.total > 0) return plain;

  const words = wordsOf(typed.display);
  const related = new Set<string>();
  const leftOut: string[] = [];
  let kept: Word[] = [];
  let typo: Word[] | undefined;
  for (const word of words) {
    // A lone word's count is the search's own; undefined (the counts are spent): searched as typed.
    const found = word.quoted ? undefined : words.length === 1 ? typed.total : await counter.count(word.typed);
    if (found !== 0) {
      kept.push(word);
      continue;
    }
    const repaired = await repairWord(compatibilityJamo(compact(word.typed)), vocabulary, counter, related);
    if (repaired?.because === "typo") typo = [...(typo ?? []), { ...word, searched: repaired.word }];
    if (repaired && repaired.sure) kept.push({ ...word, searched: repaired.word, because: repaired.because });
    else leftOut.push(word.typed);
  }
  // 이것을 찾으셨나요?: the query with every likely typo mended.
  const suggestion = typo && queryOf(words.map((word) => typo!.find((mended) => mended.typed === word.typed) ?? word));

  // While the words kept find nothing together, the rarest goes: it is the one that narrows them most, so
  // leaving it out finds the most (one count a word, where trying each word's leaving out was n). Each
  // set of words kept is searched for its page at once: the last of these searches is the answer.
  let keptFound: ArchiveSearchResult | undefined;
  let counts: number[] | undefined;
  for (;;) {
    const query = queryOf(kept);
    const known = counter.knownTotal(query) ?? ((await meetNowhere(kept, counter)) ? 0 : undefined);
    keptFound = known === undefined && kept.length ? await counter.search(query, offset, limit) : undefined;
    if ((known ?? keptFound?.total) !== 0 || kept.length <= 1) break;
    counts ??= await Promise.all(kept.map(async (word) => (await counter.count(word.searched)) ?? Infinity));
    const rarest = counts.indexOf(Math.min(...counts));
    leftOut.push(kept[rarest]!.typed);
    kept = kept.filter((_, i) => i !== rarest);
    counts.splice(rarest, 1);
  }
  const because = [...new Set(kept.flatMap((word) => (word.because ? [word.because] : [])))];
  if (leftOut.length && kept.length) because.push("fewer-words");
  const found = { leftOut, related: [...related].slice(0, RELATED_AT_MOST), ...(suggestion && { suggestion }) };
  if (!because.length) return { ...typed, ...found };
  const searched = queryOf(kept);
  const result = keptFound ?? (await counter.answer(searched, offset, limit));
  return {
    ...result,
    ...found,
    display: typed.display,
    searchedFor: { query: searched, because },
    related: result.total ? [] : found.related,
  };
}

/**
 * Whether two of `words` are each in a few articles (Counter.holdersOf) and in none together: then the
 * words together are in none, and that is known without a search. A query of several words of one article
 * each (numbers, names) leaves all but one of them out, one search each before, 11–36 ms apiece at 100,000
 * articles: a search of many words reads their grams' whole doclists whichever is rare.
 */
async function meetNowhere(words: Word[], counter: Counter): Promise<boolean> {
  let together: Set<string> | undefined;
  for (const word of words) {
    const holders = await counter.holdersOf(word.searched);
    if (!holders) continue;
    if (together && ![...together].some((slug) => holders.has(slug))) return true;
    together = together ? new Set([...together].filter((slug) => holders.has(slug))) : holders;
  }
  return false;
}

/** Articles a word may be in for its articles to be read to tell which words it never meets (meetNowhere). */
const FEW_ARTICLES = 32;

/** Words offered under a search that found nothing. */
const RELATED_AT_MOST = 6;

/**
 * What to search for one word that finds nothing as typed, and why; undefined when nothing in the archive
 * comes near. Near words found on the way go into `related`.
 */
async function repairWord(
  word: string,
  vocabulary: Vocabulary,
  counter: Counter,
  related: Set<string>,
): Promise<{ word: string; because: Rewrite; sure: boolean } | undefined> {
  for (const stem of particleStems(word).slice(0, STEMS_TRIED))
    if (((await counter.count(stem)) ?? 0) > 0) return { word: stem, because: "particle", sure: true };
  if (isInitialsQuery(word)) {
    const [first, ...others] = vocabulary.byInitials(word);
    for (const other of others) related.add(other.word);
    return first && { word: first.word, because: "initials", sure: true };
  }
  const composing = composingParts(word);
  if (composing) {
    const [first, ...others] = vocabulary.completions(composing.prefix, composing.next);
    for (const other of others) related.add(other.word);
    if (first) return { word: first.word, because: "composing", sure: true };
  }
  const [nearest, next, ...others] = vocabulary.corrections(word);
  if (!nearest) return undefined;
  for (const other of [nearest, next, ...others]) if (other) related.add(other.word);
  // Searched in its place only when no other word is as near and about as used: 가나가화 is 가나가와.
  const sure = !next || next.distance > nearest.distance || nearest.articles >= CLEARLY_MORE_USED * next.articles;
  return { word: nearest.word, because: "typo", sure };
}

/** How many times more articles the nearest of two equally near words must hold to be taken for the typo's. */
const CLEARLY_MORE_USED = 3;

/** Stems a word's endings are cut to at most (each a count). */
const STEMS_TRIED = 3;
