// Reader queries made from an archive's own words, for the search tests and benchmarks (issue #28: search
// the input space, not only hand-picked queries).

/** A small deterministic generator (mulberry32): the same numbers in [0, 1) on every run of one seed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` queries of one to ten words of `texts`, as readers type them: words as they stand in the text,
 * particles and punctuation included.
 */
export function generatedQueries(texts: string[], count: number, seed = 28): string[] {
  const vocabulary = [...new Set(texts.flatMap((text) => text.split(/\s+/)).filter(Boolean))];
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 10) }, () => vocabulary[Math.floor(next() * vocabulary.length)]!).join(" "),
  );
}

/** Hangul words of two syllables or more: what readers look up by 초성, a typo or the wrong keyboard. */
const HANGUL_WORD = /^[\uac00-\ud7a3]{2,}$/;

/** The Hangul words of titles and tags (headings), sorted: what the Korean query classes are made from. */
export function headingWords(articles: { title: string; tags: string[] }[]): string[] {
  const words = new Set<string>();
  for (const article of articles)
    for (const text of [article.title, ...article.tags])
      for (const word of text.normalize("NFC").split(/[^\p{L}\p{N}]+/u)) if (HANGUL_WORD.test(word)) words.add(word);
  return [...words].sort();
}

/** The 21 medial vowels in syllable order (a syllable is 0xAC00 + (initial × 21 + vowel) × 28 + final). */
const VOWELS = [..."ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"];

/** `word` with the vowel of one syllable changed: a typo one jamo (or a complex vowel's two) away. */
export function vowelTypo(word: string, next: () => number): string {
  const at = Math.floor(next() * word.length);
  const syllable = word.charCodeAt(at) - 0xac00;
  const vowel = Math.floor((syllable % 588) / 28);
  const other = (vowel + 1 + Math.floor(next() * (VOWELS.length - 1))) % VOWELS.length;
  return word.slice(0, at) + String.fromCharCode(0xac00 + syllable + (other - vowel) * 28) + word.slice(at + 1);
}

/**
 * Queries of each way Korean readers type (issue #30), `count` of each, from `headings` (headingWords) and
 * the archive's most used words (`common`): a noun with a particle or ending, 초성, Hangul typed with the
 * keyboard in English (`toQwerty`: es-hangul's convertHangulToQwerty), a vowel typo, a word being typed
 * (its first syllables, and the last still composing), and 4, 6 and 10 common words.
 */
export function koreanQueries(
  headings: string[],
  common: string[],
  particles: readonly string[],
  toQwerty: (hangul: string) => string,
  initialsOf: (hangul: string) => string,
  count: number,
  seed = 30,
): Record<string, string[]> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const many = (make: () => string) => Array.from({ length: count }, make);
  const words = (n: number) => () => Array.from({ length: n }, () => pick(common)).join(" ");
  const long = headings.filter((word) => word.length >= 3);
  return {
    "noun + particle": many(() => pick(headings) + pick(particles)),
    초성: many(() => initialsOf(pick(headings))),
    "한/영 자판": many(() => toQwerty(pick(headings))),
    "typo (one vowel)": many(() => vowelTypo(pick(long), next)),
    "typing (prefix, composing)": many(() => {
      const word = pick(long);
      const cut = 2 + Math.floor(next() * (word.length - 2));
      // Half the time the syllable after the prefix is still composing: its initial under the last one.
      if (next() < 0.5 || cut >= word.length) return word.slice(0, cut);
      const last = word.charCodeAt(cut - 1);
      const initial = Math.floor((word.charCodeAt(cut) - 0xac00) / 588);
      // Each of the 19 initials as a final (종성 index), where it can be one (ㄸ, ㅃ, ㅉ cannot).
      const final = [1, 2, 4, 7, -1, 8, 16, 17, -1, 19, 20, 21, 22, -1, 23, 24, 25, 26, 27][initial] ?? -1;
      return (last - 0xac00) % 28 === 0 && final > 0
        ? word.slice(0, cut - 1) + String.fromCharCode(last + final)
        : word.slice(0, cut);
    }),
    "4 common words": many(words(4)),
    "6 common words": many(words(6)),
    "10 common words": many(words(10)),
  };
}
