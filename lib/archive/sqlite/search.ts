// Search over a build's SQLite read model: FTS5 over each article's grams and levels (lib/archive/write.ts),
// ranked as lib/search-core/ranking.ts ranks, in bounded steps (lib/archive/search-budget.ts) with readers let in
// between. The walk over the index's states is lib/archive/search-levels.ts, shared with PostgreSQL.
import type Database from "better-sqlite3";
import { scoreFields, type SearchFields } from "@/lib/search-core/ranking";
import {
  matchAll,
  searchStates,
  termPlan,
  walkStates,
  type RankedId,
  type SearchState,
  type TermPlan,
} from "@/lib/archive/search-levels";
import { rankScored, scoreEach, SearchBudget, settleWalk, type SearchTuning } from "@/lib/archive/search-budget";
import { isFiltered, type SearchFilter } from "@/lib/search/filters";
import { yieldToReaders } from "@/lib/yield-to-readers";
import { estimatesFrom, roundEstimate, settledTotal, totalFromSample, type SearchTotal } from "@/lib/archive/estimate";
import { searchRequest } from "@/lib/archive/search-request";
import type { ArchiveSearchResult } from "@/lib/archive/reader";
import { toCard } from "@/lib/archive/sqlite/statements";

/** The search of one SQLite reader: its statements, its settings, and the walk's step bounds once read. */
export class SqliteSearch {
  /** stepBounds, once read: the read model does not change under a reader. */
  private steps: { coarse: number[]; fine: number[] } | undefined;
  private readonly budget: SearchBudget;

  constructor(
    private readonly db: Database.Database,
    private readonly query: (sql: string) => Database.Statement,
    private readonly options: SearchTuning,
  ) {
    this.budget = new SearchBudget("sqlite", options);
  }

  /**
   * Articles matching every term of `raw`, ranked as lib/search-core/ranking.ts ranks them, in bounded steps
   * (lib/archive/search-budget.ts). A few matches are scored one by one. Otherwise queries of one to three
   * terms walk the index state by state, best first, and stop once the page is settled
   * (lib/archive/search-levels.ts): a word in every article costs a page of rows. Longer queries, whose
   * states multiply, score their newest SCORED_AT_MOST matches in slices (as the few matches are).
   * A `limit` of 0 counts only.
   */
  async search(raw: string, now: number, offset = 0, limit = 10, filter?: SearchFilter): Promise<ArchiveSearchResult> {
    const { terms, display } = searchRequest(raw, now, offset, limit);
    if (!terms.length) return { terms, display, total: 0, hits: [] };
    const plans = terms.map((term) => termPlan(term));
    const all = matchAll(plans);
    if (isFiltered(filter)) return this.filtered(terms, display, all, now, offset, limit, filter);
    const sampled = this.publishedMatches("search_sample", all, now);
    const counts = estimatesFrom(sampled, this.options.estimateFrom)
      ? totalFromSample(sampled)
      : { total: this.publishedMatches("search_grams", all, now) };
    if (limit === 0 || (!counts.totalIsEstimate && offset >= counts.total)) return { terms, display, ...counts, hits: [] };
    const place = offset + limit;
    const fields = this.query(
      "SELECT h.title, h.tags, h.summary, b.body FROM search_heads h JOIN search_bodies b ON b.article_id = h.article_id WHERE h.article_id = ?",
    );
    const score = (id: number) => scoreFields(fields.get(id) as SearchFields, terms);
    await yieldToReaders();
    const { directScoringMax, scoredAtMost } = this.budget;
    const path = this.budget.path(counts.totalIsEstimate ? Infinity : counts.total, terms.length);
    if (path === "direct") {
      const ids = this.newestMatches(all, now, directScoringMax);
      return this.page(terms, display, counts, (await rankScored(ids, place, score)).ranked.slice(offset), true);
    }
    if (path === "newest") {
      // The newest SCORED_AT_MOST matches, scored a hundred at a time (more is marked rankingIsPartial).
      const { ranked } = await rankScored(this.newestMatches(all, now, scoredAtMost), place, score);
      const complete = !counts.totalIsEstimate && counts.total <= scoredAtMost;
      return this.page(terms, display, counts, ranked.slice(offset), complete);
    }
    const { ranked, complete } = await this.walk(plans, all, now, place, score);
    const total = complete ? settledTotal(counts, ranked.length, place) : counts;
    return this.page(terms, display, total, ranked.slice(offset), complete);
  }

  /**
   * A search sorted by date or filtered by period or section: the matches read a range of ids at a time
   * (FILTERED_ROWS_A_STEP, readers let in between), in content order or its reverse, and counted; past the
   * walk's time budget the count of the rest is estimated from the ranges read. By date, the page is the
   * rows at its place; by relevance, the first SCORED_AT_MOST matches are scored (more, or an estimate, is
   * marked rankingIsPartial).
   */
  private async filtered(
    terms: string[],
    display: string,
    match: string,
    now: number,
    offset: number,
    limit: number,
    filter: SearchFilter,
  ): Promise<ArchiveSearchResult> {
    const oldestFirst = filter.sort === "oldest";
    const rows = this.query(
      // CROSS JOIN: the index's matches drive, each looked up by id, whatever the statistics say.
      `SELECT g.rowid FROM search_grams g CROSS JOIN articles a ON a.id = g.rowid
       WHERE search_grams MATCH @match AND g.rowid >= @from AND g.rowid < @to AND +a.draft = 0 AND +a.time <= @now
         AND +a.time >= @since AND +a.time <= @until AND (@section IS NULL OR +a.section = @section)
       ORDER BY g.rowid ${oldestFirst ? "DESC" : ""}`,
    ).pluck();
    const steps = this.stepBounds(true);
    const ranges = Array.from({ length: steps.length - 1 }, (_, i) => i);
    if (oldestFirst) ranges.reverse();
    const wanted = filter.sort === "relevance" ? this.budget.scoredAtMost : offset + limit;
    const ids: number[] = [];
    let total = 0;
    let read = 0;
    const deadline = performance.now() + this.budget.walk.milliseconds;
    for (const [n, i] of ranges.entries()) {
      // Past the budget the rest is estimated from what was read (a query of many common words costs
      // ~40 ms a range at 100,000 articles: 2.6 s to read them all); so it is once the page is in hand and
      // the matches read are enough to estimate from.
      if (n > 0 && ((ids.length >= wanted && total >= ESTIMATED_FROM_MATCHES) || performance.now() > deadline)) break;
      if (n > 0) await yieldToReaders();
      read++;
      const found = rows.all({
        match,
        from: steps[i],
        to: steps[i + 1],
        now,
        since: filter.since ?? Number.MIN_SAFE_INTEGER,
        until: filter.until ?? Number.MAX_SAFE_INTEGER,
        section: filter.section ?? null,
      }) as number[];
      total += found.length;
      for (const id of found) if (ids.length < wanted) ids.push(id);
    }
    const counts: SearchTotal =
      read === ranges.length ? { total } : { total: roundEstimate((total * ranges.length) / read), totalIsEstimate: true };
    const complete = read === ranges.length;
    if (limit === 0 || (complete && offset >= total) || offset >= ids.length) return { terms, display, ...counts, hits: [] };
    const fields = this.query(
      "SELECT h.title, h.tags, h.summary, b.body FROM search_heads h JOIN search_bodies b ON b.article_id = h.article_id WHERE h.article_id = ?",
    );
    const score = (id: number) => scoreFields(fields.get(id) as SearchFields, terms);
    await yieldToReaders();
    if (filter.sort !== "relevance")
      return this.page(terms, display, counts, await scoreEach(ids.slice(offset, offset + limit), score), true);
    const { ranked } = await rankScored(ids, offset + limit, score);
    return this.page(terms, display, counts, ranked.slice(offset), complete && total <= wanted);
  }

  /**
   * The newest `limit` published articles matching the FTS5 expression `match`, in content order. One
   * statement: FTS5 reads a common gram's whole doclist for each statement, so reading the index a range of
   * ids at a time cost 67 times the work at 100,000 articles (four common words: 1.6 s instead of 90 ms).
   */
  private newestMatches(match: string, now: number, limit: number): number[] {
    return this.query(
      // CROSS JOIN, as in `filtered`: the index's matches drive.
      `SELECT g.rowid FROM search_grams g CROSS JOIN search_heads h ON h.article_id = g.rowid
       WHERE search_grams MATCH ? AND +h.draft = 0 AND +h.time <= ? ORDER BY g.rowid LIMIT ?`,
    )
      .pluck()
      .all(match, now, limit) as number[];
  }

  /**
   * The best `place` matches by walking the index's states (lib/archive/search-levels.ts) within the walk's
   * budget; where it ran out, the best of what it read and of the newest matches, each scored.
   */
  private async walk(plans: TermPlan[], all: string, now: number, place: number, score: (id: number) => number) {
    const exists = this.query("SELECT 1 FROM search_grams WHERE search_grams MATCH ? LIMIT 1");
    const states = searchStates(plans, (match) => exists.get(match) !== undefined);
    // Its own statement: a search yields between steps, and another search may be iterating a cached one.
    const rowsBetween = this.db
      .prepare(
        `SELECT g.rowid FROM search_grams g JOIN search_heads h ON h.article_id = g.rowid
         WHERE search_grams MATCH ? AND g.rowid >= ? AND g.rowid < ? AND +h.draft = 0 AND +h.time <= ? ORDER BY g.rowid`,
      )
      .pluck();
    const steps = this.stepBounds();
    // A state's rows a range of ids at a time (ROWS_A_STEP), letting readers in between ranges.
    async function* stateRows(state: SearchState): AsyncGenerator<number> {
      for (let i = 0; i + 1 < steps.length; i++) {
        if (i > 0) await yieldToReaders();
        yield* rowsBetween.iterate(state.match, steps[i], steps[i + 1], now) as IterableIterator<number>;
      }
    }
    const walked = await walkStates(states, place, stateRows, score, undefined, this.budget.walk);
    return settleWalk(walked, place, (count) => this.newestMatches(all, now, count), score);
  }

  /** Ranked ids as a page of search hits. */
  private page(terms: string[], display: string, total: SearchTotal, ranked: RankedId[], complete: boolean): ArchiveSearchResult {
    const row = this.query(
      "SELECT t.card, t.plain_text, h.time FROM article_texts t JOIN search_heads h ON h.article_id = t.id WHERE t.id = ?",
    );
    const hits = ranked.map(({ id, score }) => {
      const found = row.get(id) as { card: string; plain_text: string; time: number };
      return { article: toCard(found), plainText: found.plain_text, score, time: found.time };
    });
    return { terms, display, ...total, ...(!complete && { rankingIsPartial: true as const }), hits };
  }
  /**
   * Ids that cut the archive into ranges of ROWS_A_STEP articles (`fine`: FILTERED_ROWS_A_STEP), in content
   * order, first and past-last included.
   */
  stepBounds(fine = false): number[] {
    if (!this.steps) {
      const ids = this.query(`SELECT id FROM articles ORDER BY id`).pluck().all() as number[];
      const cut = (size: number) => [...ids.filter((_, i) => i % size === 0), (ids.at(-1) ?? 0) + 1];
      this.steps = { coarse: cut(ROWS_A_STEP), fine: cut(FILTERED_ROWS_A_STEP) };
    }
    return fine ? this.steps.fine : this.steps.coarse;
  }

  /**
   * Published articles matching the FTS5 expression `match` in `table`: search_grams, every article, or
   * search_sample, the sample a common query's total is estimated from.
   */
  private publishedMatches(table: "search_grams" | "search_sample", match: string, now: number): number {
    const matching = this.query(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(match) as number;
    return matching - this.unpublishedMatches(table, match, now);
  }

  /** Drafts and scheduled articles matching `match` in `table`: few, whatever the archive's size. */
  private unpublishedMatches(table: "search_grams" | "search_sample", match: string, now: number): number {
    return this.query(
      `SELECT count(*) FROM ${table} WHERE ${table} MATCH @match AND rowid IN
         (SELECT id FROM articles WHERE draft = 1 UNION SELECT id FROM articles WHERE time > @now)`,
    )
      .pluck()
      .get({ match, now }) as number;
  }
}

/**
 * Articles one statement of a walk covers (a range of ids, content order): an FTS5 expression finding few
 * rows scans its posting lists between them, and at 100,000 articles one step of a sparse state held the
 * event loop 62–70 ms; a range bounds each step, and the walk yields between ranges.
 */
const ROWS_A_STEP = 12_500;

/**
 * Articles one statement of a sorted or filtered search covers: a query of seven common words took ~300 ms
 * over ROWS_A_STEP at 100,000 articles, so ranges are an eighth of that.
 */
const FILTERED_ROWS_A_STEP = 1_500;

/** Matches from which a sorted or filtered search's total is estimated from the ranges read (about ±3 %). */
const ESTIMATED_FROM_MATCHES = 1_000;
