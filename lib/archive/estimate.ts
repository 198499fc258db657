// How both engines estimate a common query's total instead of counting it: from a systematic sample of
// the archive (every SAMPLE_EVERY-th article in content order) with a gram index of its own. Counting
// exactly visits every matching row, 17–33 ms for a word in 60,000–90,000 of 100,000 articles (more for a
// longer term's phrases in SQLite); the sample's count takes an eighth of that and is within ~2 %.

/** One article in this many is in the sample a common term's total is estimated from. */
export const SAMPLE_EVERY = 8;

/**
 * Candidates in the sample from which the total is estimated from it: ~20,000 matches in the whole
 * archive, which take ~5 ms to count exactly. A sample of 2,500 is within ~2 % (one standard error at
 * worst, of a systematic sample: less on text that does not change with the years).
 */
export const ESTIMATE_FROM = 2500;

/** An estimated total of a thousand or more is rounded to this: it is not known closer. */
const ESTIMATE_ROUNDING = 100;

/** An estimate, rounded to ESTIMATE_ROUNDING from a thousand up. */
export const roundEstimate = (estimate: number) =>
  estimate >= 1000 ? Math.round(estimate / ESTIMATE_ROUNDING) * ESTIMATE_ROUNDING : Math.round(estimate);

export type SearchTotal = { total: number; totalIsEstimate?: true };

/**
 * The same for a count alone (a search of limit 0): lib/search/understand.ts counts each word of a query
 * that finds nothing, to learn which find nothing at all (exact: a word in the sample is estimated only
 * from this many) and which is rarest (an order, which ~12 % keeps). Counted exactly, a word in 18,000
 * articles took 6–12 ms at 100,000, eight of them half of a 115 ms search.
 */
export const COUNT_ONLY_ESTIMATE_FROM = 64;

/**
 * Whether a search whose sample holds `sampled` matches has its total estimated from the sample: from
 * `from` (ESTIMATE_FROM unless tuned), or COUNT_ONLY_ESTIMATE_FROM when it only counts (`limit` 0).
 */
export const estimatesFrom = (sampled: number, from = ESTIMATE_FROM, limit?: number) =>
  sampled >= (limit === 0 ? Math.min(from, COUNT_ONLY_ESTIMATE_FROM) : from);

/** The archive's total estimated from the sample's `inSample` matches (fractional when a share was read). */
export const totalFromSample = (inSample: number): SearchTotal => ({
  total: roundEstimate(inSample * SAMPLE_EVERY),
  totalIsEstimate: true,
});

/**
 * The total a page reports once its walk for the best `place` matches found `found`: a walk that found
 * fewer than it looked for found every match, so an estimate gives way to the count.
 */
export const settledTotal = (counted: SearchTotal, found: number, place: number): SearchTotal =>
  counted.totalIsEstimate && found < place ? { total: found } : counted;
