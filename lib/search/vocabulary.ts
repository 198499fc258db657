// The archive's own words, for what search offers a reader beyond the text they typed: the word a typo
// meant (이것을 찾으셨나요?), the headings whose 초성 a reader typed, the word a half-composed syllable
// is heading for. Written into the read model at build (lib/archive/write.ts, the `vocabulary` meta key)
// from what is published then, read by both engines as the same text, and asked in memory: a lookup scans
// one or two lists of words, never the archive.
import type { Article } from "@/lib/content/schema";
import { editDistance, initialsOf, jamoOf, particleStems } from "@/lib/search/hangul";
import { compact, normalizeText } from "@/lib/search-core/normalize";

/** One word of the archive: how many published articles hold it, and whether a heading names it. */
export type VocabularyWord = { word: string; articles: number; heading: boolean };

/** Words kept at most (the most used first; heading words always): ~3 MB of text at this size. */
export const VOCABULARY_MAX = 200_000;
/** Characters of a word kept: longer runs are identifiers and pasted text, not words readers type. */
const WORD_LENGTH = { min: 2, max: 20 };
const HAS_HANGUL = /[\uac00-\ud7a3]/;

type Source = Pick<Article, "title" | "tags" | "summary" | "plainText" | "authors">;

/**
 * Each Hangul word of `text` (2–20 characters), as search folds it, with the nouns its endings hide;
 * `known` keeps each distinct word's forms (an archive repeats its words: 100,000 articles, a few
 * hundred thousand distinct ones).
 */
function wordsOf(text: string, known: Map<string, string[]>): string[] {
  const words: string[] = [];
  for (const token of normalizeText(text).split(/[^\p{L}\p{N}]+/u)) {
    let forms = known.get(token);
    if (!forms) {
      forms =
        HAS_HANGUL.test(token) && token.length <= WORD_LENGTH.max
          ? [token, ...particleStems(token)].filter((word) => word.length >= WORD_LENGTH.min)
          : [];
      known.set(token, forms);
    }
    words.push(...forms);
  }
  return words;
}

/**
 * The vocabulary of `articles` (those published when the build runs: drafts and scheduled articles must
 * not surface through a suggestion) as the text stored in the read model: one `word<TAB>articles<TAB>h?`
 * line per word, sorted by word. Headings are titles' words, tags (whole and by word) and bylines.
 */
export function buildVocabulary(articles: Source[]): string {
  const counts = new Map<string, number>();
  const headings = new Set<string>();
  const known = new Map<string, string[]>();
  for (const article of articles) {
    const heading = [
      ...wordsOf(article.title, known),
      ...article.tags.flatMap((tag) => [compact(tag), ...wordsOf(tag, known)]),
      ...article.authors.map((author) => compact(author.name)),
    ].filter((word) => word.length >= WORD_LENGTH.min && word.length <= WORD_LENGTH.max && HAS_HANGUL.test(word));
    for (const word of heading) headings.add(word);
    const words = new Set([...heading, ...wordsOf(article.summary ?? "", known), ...wordsOf(article.plainText, known)]);
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let kept = [...counts];
  if (kept.length > VOCABULARY_MAX)
    kept = kept.sort((a, b) => Number(headings.has(b[0])) - Number(headings.has(a[0])) || b[1] - a[1]).slice(0, VOCABULARY_MAX);
  return kept
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([word, n]) => `${word}\t${n}\t${headings.has(word) ? "h" : ""}`)
    .join("\n");
}

/** A vocabulary word a reader may have meant, and how far (in jamo) it is from what they typed. */
export type Correction = { word: string; distance: number; articles: number };

/**
 * The jamo a typo may be off by: one in a word of two syllables (where one whole syllable is half the word),
 * a whole syllable's three from three syllables on (최우선 typed 츠우선 is two: ㅡ for ㅗㅣ).
 */
const mostDistance = (word: string) => (word.length >= 3 ? 3 : 1);

/** The vocabulary in memory: words sorted (prefix lookups), by length (typos) and headings by 초성. */
export class Vocabulary {
  private readonly words: VocabularyWord[];
  /** The words' text, sorted: prefix lookups. */
  private readonly keys: string[];
  private readonly byLength = new Map<number, VocabularyWord[]>();
  private readonly headings: { initials: string; entry: VocabularyWord }[];
  /** The headings' 초성, sorted as `headings`. */
  private readonly headingKeys: string[];

  /**
   * `text`: the vocabulary as buildVocabulary wrote it; `abbreviations`: headline abbreviations and the
   * words they stand for (content/search-abbreviations.yaml), kept with it for lib/search/understand.ts.
   */
  constructor(
    text: string,
    readonly abbreviations: Readonly<Record<string, string>> = {},
  ) {
    this.words = text
      ? text.split("\n").map((line) => {
          const [word, articles, flags] = line.split("\t");
          return { word: word!, articles: Number(articles), heading: flags === "h" };
        })
      : [];
    this.keys = this.words.map((entry) => entry.word);
    for (const entry of this.words) {
      const list = this.byLength.get(entry.word.length);
      if (list) list.push(entry);
      else this.byLength.set(entry.word.length, [entry]);
    }
    this.headings = this.words
      .filter((entry) => entry.heading)
      .map((entry) => ({ initials: initialsOf(entry.word), entry }))
      .filter(({ initials }) => initials.length >= 2)
      .sort((a, b) => (a.initials < b.initials ? -1 : a.initials > b.initials ? 1 : 0));
    this.headingKeys = this.headings.map(({ initials }) => initials);
  }

  get size(): number {
    return this.words.length;
  }

  /** The `limit` words most articles hold (benchmarks draw common-word queries from them). */
  mostUsed(limit: number): string[] {
    return [...this.words]
      .sort((a, b) => b.articles - a.articles || (a.word < b.word ? -1 : 1))
      .slice(0, limit)
      .map((entry) => entry.word);
  }

  /**
   * Words a typo away from `word` (mostDistance jamo), nearest first, then the most used. A typo changes a syllable or adds or drops one, so only words of the same length or one
   * syllable more or less, agreeing everywhere but one syllable (or one extra), are measured in jamo.
   */
  corrections(word: string, limit = 5): Correction[] {
    if (!HAS_HANGUL.test(word) || word.length < WORD_LENGTH.min || word.length > WORD_LENGTH.max) return [];
    const most = mostDistance(word);
    const typed = jamoOf(word);
    const found: Correction[] = [];
    for (const length of [word.length, word.length - 1, word.length + 1]) {
      for (const entry of this.byLength.get(length) ?? []) {
        if (entry.word === word || !oneSyllableApart(word, entry.word)) continue;
        const distance = editDistance(typed, jamoOf(entry.word), most);
        if (distance <= most) found.push({ word: entry.word, distance, articles: entry.articles });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || b.articles - a.articles).slice(0, limit);
  }

  /** Heading words whose 초성 are `initials` (first) or begin with them, the most used first. */
  byInitials(initials: string, limit = 5): VocabularyWord[] {
    const from = lowerBound(this.headingKeys, initials);
    const matches: VocabularyWord[] = [];
    for (let i = from; i < this.headings.length && this.headings[i]!.initials.startsWith(initials); i++)
      matches.push(this.headings[i]!.entry);
    const exact = (entry: VocabularyWord) => Number(initialsOf(entry.word) === initials);
    return matches.sort((a, b) => exact(b) - exact(a) || b.articles - a.articles || (a.word < b.word ? -1 : 1)).slice(0, limit);
  }

  /**
   * The words a reader still composing is typing, the most used first: 가나강 (가나가 with ㅇ that will be
   * 와's) or 가나가ㅇ gives 가나가와. `prefix` is what is certain (가나가), `next` the initial consonant the
   * next syllable starts with.
   */
  completions(prefix: string, next: string, limit = 5): VocabularyWord[] {
    const from = lowerBound(this.keys, prefix);
    const matches: VocabularyWord[] = [];
    for (let i = from; i < this.words.length && this.words[i]!.word.startsWith(prefix); i++) {
      const entry = this.words[i]!;
      const following = entry.word[prefix.length];
      if (following && initialsOf(following) === next) matches.push(entry);
    }
    return matches.sort((a, b) => b.articles - a.articles || a.word.length - b.word.length).slice(0, limit);
  }
}

/** Whether two words differ by one syllable changed, added or dropped (and nothing else). */
function oneSyllableApart(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let start = 0;
  while (start < short.length && short[start] === long[start]) start++;
  let end = 0;
  while (end < short.length - start && short[short.length - 1 - end] === long[long.length - 1 - end]) end++;
  return long.length - start - end <= 1 && short.length - start - end <= 1;
}

/** The first index of a sorted array whose value is not below `key`. */
function lowerBound(sorted: string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
