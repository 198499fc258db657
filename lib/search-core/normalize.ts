// How search sees text: Unicode-normalised, lower-case, and "compact" (letters and digits only), so that
// spacing (사이언스 파크 / 사이언스파크), punctuation, NFD input and full-width letters do not matter.

/** Longest query we read; anything beyond is ignored rather than refused. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many terms take part in a query. */
export const MAX_TERMS = 8;

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/u;

/** NFKC (folds NFD Hangul and full-width Latin) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Letters and digits of `text` after normalizeText, nothing else. */
export function compact(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Compact form of `text` with, for each of its characters, the index in `text` it came from, so a match
 * in the compact form can be highlighted in the original. NFKC may change lengths, so work per character.
 */
export function compactWithMap(text: string): { compact: string; origin: number[] } {
  let out = "";
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    // Most of a Korean article is precomposed syllables and ASCII, which NFKC leaves alone: the per-character
    // normalize call was most of a result snippet's cost (0.3 ms for 900 characters, ten per search).
    const code = char.charCodeAt(0);
    if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      out += char;
      origin.push(index++);
      continue;
    }
    if (code < 0x80 && !(code >= 0x41 && code <= 0x5a)) {
      index++;
      continue;
    }
    const folded = normalizeText(char);
    for (const piece of folded) {
      if (!NOT_LETTER_OR_DIGIT.test(piece)) {
        out += piece;
        for (let i = 0; i < piece.length; i++) origin.push(index);
      }
    }
    index += char.length;
  }
  return { compact: out, origin };
}

/** A parsed query: the compact terms that must all occur, and the words as typed for display. */
export type ParsedQuery = { terms: string[]; display: string };

/**
 * Splits a reader's query into terms: "quoted phrases" stay whole, other words split on spaces.
 * Every term is compacted; operators and syntax characters of other engines carry no meaning here.
 */
export function parseQuery(raw: string): ParsedQuery {
  const display = raw.normalize("NFC").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
  const terms: string[] = [];
  const phrase = /"([^"]*)"/g;
  const rest = display.replace(phrase, (_match, inner: string) => {
    terms.push(compact(inner));
    return " ";
  });
  for (const word of rest.split(" ")) terms.push(compact(word));
  const unique = [...new Set(terms.filter(Boolean))];
  // A term inside another adds nothing: "사이언스파크" already requires "파크".
  const kept = unique.filter((t) => !unique.some((other) => other !== t && other.includes(t)));
  return { terms: kept.slice(0, MAX_TERMS), display };
}
