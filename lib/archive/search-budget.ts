// How much work one search may do, on either engine, whatever the reader typed: a search is a few
// bounded steps with the event loop free between them, so no query can stall the pages served beside it
// (issue #28). Where the budget runs out, the answer is the best found so far and says so.
import { yieldToReaders } from "@/lib/yield-to-readers";

/** A scored match: its exact points and its place in content order (the tie-break). */
export type RankedId = { id: number; score: number };

/**
 * Puts `row` into `best` (the best `place` rows, best first) where it ranks (`beats(a, b)`: a ranks above
 * b), dropping the row that falls past `place`. The caller skips rows that cannot place.
 */
export function placeRanked(best: RankedId[], row: RankedId, place: number, beats: (a: RankedId, b: RankedId) => boolean): void {
  let at = best.length;
  while (at > 0 && beats(row, best[at - 1]!)) at--;
  best.splice(at, 0, row);
  if (best.length > place) best.pop();
}

/**
 * Matches up to which a search scores every one of them directly (one index query, their fields, the
 * ranking in memory, a hundred at a time): exact, and cheaper than any walk when the matches are few. A
 * walk over a rare query's states found nothing to stop it early: 225 states and 1.9 s for a three-word
 * query at three articles (BENCHMARKS.md, "Search that cannot stall"). SQLite reads the fields in the
 * process (2,000 bodies scored in ~60 ms, in slices); PostgreSQL sends them over the wire, so it scores
 * fewer and walks sooner.
 */
export const DIRECT_SCORING_MAX = { sqlite: 2_000, postgres: 300 } as const;
/**
 * The same for queries of three terms, the most a walk takes, whose states multiply with each term while
 * scoring a match costs about the same: `'재정자율화'를 있는 200` (3,352 matches at 100,000 articles) walked
 * five states of 0.6–6.6 KB expressions, found no row in them, ran out of its 250 ms and answered a
 * partial page; scored directly, it is exact in ~110 ms. From four terms the newest SCORED_AT_MOST are
 * scored instead, which is cheaper than all of 4,000 (four common words' p99 42 ms against 92–98 ms).
 * PostgreSQL sends a thousand matches' rows in ~40–50 ms (what four terms' newest thousand cost it), where
 * a walk of three terms with 1,143 matches took 180–350 ms at 100,000 articles (67 ms scored directly);
 * counting up to 2,000 instead of 300 first costs a common query 3–5 ms more.
 */
export const DIRECT_SCORING_MAX_THREE_TERMS = { sqlite: 4_000, postgres: 2_000 } as const;

/**
 * What a walk of the index's states (lib/archive/search-levels.ts walkStates) may ask before it answers
 * with what it has: states asked, the characters of their expressions (parsing an FTS5 expression costs
 * about 0.3 ms a kilobyte, so one of 113 KB held the event loop 30 ms at three articles), and rows read.
 */
export const WALK_BUDGET = { states: 24, characters: 60_000, rows: 2_000, milliseconds: 250 } as const;
/**
 * `milliseconds`: the walk's wall-clock time, yields included, after which it answers with what it has:
 * the counts above bound the work, this bounds the wait when the machine is busy or a state is sparse.
 */
export type WalkBudget = { states: number; characters: number; rows: number; milliseconds: number };

/**
 * Matches a query of more terms than the walk takes scores at most, the newest first: scoring every
 * match of five common words read 60,000 bodies in one statement (1.1–1.9 s at 100,000 articles).
 */
export const SCORED_AT_MOST = 1_000;

/**
 * A reader's search settings where tests and benchmarks choose other values than the defaults above (and
 * ESTIMATE_FROM, lib/archive/estimate.ts) to take a path on a small archive.
 */
export type SearchTuning = { estimateFrom?: number; directScoringMax?: number; walkBudget?: WalkBudget; scoredAtMost?: number };

/** The newest matches a walk whose budget ran out scores to fill its page (settleWalk). */
const NEWEST_SCORED_WHEN_PARTIAL = 300;

/** How a search is answered (SearchBudget.path). */
export type SearchPath =
  /** every match scored: they are few */
  | "direct"
  /** the newest SCORED_AT_MOST matches scored: more terms than a walk takes */
  | "newest"
  /** the index's states walked best first (lib/archive/search-levels.ts) */
  | "walk";

/**
 * One engine's search budget: the defaults above with a reader's tuning applied once, and the rule that
 * picks each search's path, which both engines follow (they learn how many matches there are in their
 * own ways: SQLite counts or estimates, PostgreSQL counts up to directScoringMax + 1).
 */
export class SearchBudget {
  readonly directScoringMax: number;
  readonly scoredAtMost: number;
  readonly walk: WalkBudget;

  /** directScoringMax for queries of three terms. */
  readonly directScoringMaxThreeTerms: number;

  constructor(engine: keyof typeof DIRECT_SCORING_MAX, tuning: SearchTuning = {}) {
    this.directScoringMax = tuning.directScoringMax ?? DIRECT_SCORING_MAX[engine];
    this.directScoringMaxThreeTerms = tuning.directScoringMax ?? DIRECT_SCORING_MAX_THREE_TERMS[engine];
    this.scoredAtMost = tuning.scoredAtMost ?? SCORED_AT_MOST;
    this.walk = tuning.walkBudget ?? WALK_BUDGET;
  }

  /** Matches up to which a query of `terms` terms is scored directly. */
  directMax(terms: number): number {
    return terms === LEVELLED_TERMS ? this.directScoringMaxThreeTerms : this.directScoringMax;
  }

  /**
   * The path of a query of `terms` terms with `matches` published matches: exact up to directScoringMax,
   * above it any larger number (Infinity when only estimated).
   */
  path(matches: number, terms: number): SearchPath {
    if (matches <= this.directMax(terms)) return "direct";
    return terms > LEVELLED_TERMS ? "newest" : "walk";
  }
}

/**
 * The best `place` of `ids` by `score` (0: not a match), ties in content order (`before(a, b)`: a first).
 * Scoring yields to readers every SCORE_SLICE ids.
 */
export async function rankScored(
  ids: readonly number[],
  place: number,
  score: (id: number) => number,
  before: (a: number, b: number) => boolean = (a, b) => a < b,
): Promise<{ ranked: RankedId[]; matched: number }> {
  const scored = (await scoreEach(ids, score)).filter((row) => row.score > 0);
  scored.sort((a, b) => b.score - a.score || (before(a.id, b.id) ? -1 : before(b.id, a.id) ? 1 : 0));
  return { ranked: scored.slice(0, place), matched: scored.length };
}

/** Each of `ids` with its score, in order, yielding to readers every SCORE_SLICE ids. */
export async function scoreEach(ids: readonly number[], score: (id: number) => number): Promise<RankedId[]> {
  const scored: RankedId[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % SCORE_SLICE === 0) await yieldToReaders();
    scored.push({ id: ids[i]!, score: score(ids[i]!) });
  }
  return scored;
}

/** Ids scored between two yields: a hundred bodies' occurrences take ~5 ms. */
export const SCORE_SLICE = 100;

/**
 * A walk's answer (lib/archive/search-levels.ts walkStates). When its budget ran out, its rows (from the
 * best states) and the newest NEWEST_SCORED_WHEN_PARTIAL matches (`newest(count)`, ids in content order),
 * scored, ranked together: a page is full whenever there are matches, and the best of what was read comes
 * first; still not `complete`.
 */
export async function settleWalk(
  walked: { ranked: RankedId[]; complete: boolean },
  place: number,
  newest: (count: number) => readonly number[] | Promise<readonly number[]>,
  score: (id: number) => number,
  before: (a: number, b: number) => boolean = (a, b) => a < b,
): Promise<{ ranked: RankedId[]; complete: boolean }> {
  if (walked.complete) return walked;
  await yieldToReaders();
  const seen = new Set(walked.ranked.map((row) => row.id));
  const scored = await scoreEach(await newest(NEWEST_SCORED_WHEN_PARTIAL), score);
  const ranked = [...walked.ranked, ...scored.filter((row) => !seen.has(row.id) && row.score > 0)]
    .sort((a, b) => b.score - a.score || (before(a.id, b.id) ? -1 : before(b.id, a.id) ? 1 : 0))
    .slice(0, place);
  return { ranked, complete: false };
}

/**
 * Queries of at most this many terms walk the index state by state. Each term multiplies the states; at
 * four common words with few repeats, the walk's empty states cost more than scoring every match
 * (100,000 generated articles: 170–230 ms against 27–110 ms), at three it is 13–53 ms against 115–550 ms.
 */
const LEVELLED_TERMS = 3;
