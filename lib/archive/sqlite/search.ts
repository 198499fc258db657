// Search over a build's SQLite read model: FTS5 over each article's grams and levels (lib/archive/write.ts),
// ranked as lib/search-core/ranking.ts ranks, in bounded steps (lib/archive/search-budget.ts) with readers let in
// between. The walk over the index's states is lib/archive/search-levels.ts, shared with PostgreSQL.
import { isMainThread } from "node:worker_threads";
import type Database from "better-sqlite3";
import { scoreBound, scoreFields, type SearchFields } from "@/lib/search-core/ranking";
import {
  matchAll,
  searchStates,
  termPlan,
  walkStates,
  type RankedId,
  type SearchState,
  type TermPlan,
} from "@/lib/archive/search-levels";
import { placeRanked, scoreEach, SCORE_SLICE, SearchBudget, settleWalk, type SearchTuning } from "@/lib/archive/search-budget";
import { isFiltered, type SearchFilter } from "@/lib/search/filters";
import { yieldToReaders } from "@/lib/yield-to-readers";
import { estimatesFrom, settledTotal, totalFromSample, type SearchTotal } from "@/lib/archive/estimate";
import { searchRequest } from "@/lib/archive/search-request";
import type { ArchiveSearchResult } from "@/lib/archive/reader";
import { fromBodyBytes, toCard } from "@/lib/archive/sqlite/statements";

/** The search of one SQLite reader: its statements, its settings, and the walk's step bounds once read. */
export class SqliteSearch {
  /** stepBounds, once read: the read model does not change under a reader. */
  private steps: number[] | undefined;
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
    const scope = isFiltered(filter) ? this.scopeOf(filter, now) : undefined;
    if (scope === null) return { terms, display, total: 0, hits: [] };
    const { counts, newest } = this.matches(all, now, limit, scope);
    if (limit === 0 || (!counts.totalIsEstimate && offset >= counts.total)) return { terms, display, ...counts, hits: [] };
    const place = offset + limit;
    const fields = this.fieldsOf();
    const score = (id: number) => scoreFields(fields(id), terms);
    await yieldToReaders();
    if (filter && filter.sort !== "relevance") {
      // By date: the page is the matches at its place, in content order or its reverse (one statement).
      const ids = newest(place, filter.sort === "oldest").slice(offset);
      return this.page(terms, display, counts, await scoreEach(ids, score), true);
    }
    const { scoredAtMost } = this.budget;
    const path = this.budget.path(counts.totalIsEstimate ? Infinity : counts.total, terms.length);
    if (path === "direct") {
      const ids = newest(this.budget.directMax(terms.length));
      return this.page(terms, display, counts, (await this.rankMatches(ids, place, terms)).slice(offset), true);
    }
    if (path === "newest") {
      // The newest SCORED_AT_MOST matches, scored a hundred at a time (more is marked rankingIsPartial).
      const ranked = await this.rankMatches(newest(scoredAtMost), place, terms);
      const complete = !counts.totalIsEstimate && counts.total <= scoredAtMost;
      return this.page(terms, display, counts, ranked.slice(offset), complete);
    }
    const { ranked, complete } = await this.walk(plans, now, place, score, newest, scope);
    const total = complete ? settledTotal(counts, ranked.length, place) : counts;
    return this.page(terms, display, total, ranked.slice(offset), complete);
  }

  /**
   * The best `place` of `ids` (content order) as rankScored ranks them, reading a body only where the
   * article could still place: its short fields bound its score (scoreBound), and a later id that can at
   * most tie the last place loses the tie. Of the newest 1,000 matches of four common words most hold
   * them only in the body, so once the page holds a title match their bodies go unread (a body is most of
   * the 15–40 µs a match's fields cost at 100,000 articles).
   */
  private async rankMatches(ids: readonly number[], place: number, terms: string[]): Promise<RankedId[]> {
    const fields = this.fieldsOf();
    const heads = this.query("SELECT title, tags, summary FROM search_heads WHERE article_id = ?");
    const body = this.query("SELECT body FROM search_bodies WHERE article_id = ?").pluck();
    const best: RankedId[] = [];
    // Bounding costs a second lookup for each article it does not skip: it stops where it skips few.
    let bounded = 0;
    let skipped = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && i % SCORE_SLICE === 0) await yieldToReaders();
      const id = ids[i]!;
      let row: SearchFields;
      if (best.length === place && (bounded < BOUNDED_FIRST || skipped * 4 >= bounded)) {
        bounded++;
        const head = heads.get(id) as Omit<SearchFields, "body">;
        if (scoreBound(head, terms) <= best[place - 1]!.score) {
          skipped++;
          continue;
        }
        row = { ...head, body: fromBodyBytes(body.get(id) as Buffer) };
      } else row = fields(id);
      const score = scoreFields(row, terms);
      if (score === 0 || (best.length === place && score <= best[place - 1]!.score)) continue;
      // Ids come in content order: a later one ranks above only by a higher score.
      placeRanked(best, { id, score }, place, (a, b) => a.score > b.score);
    }
    return best;
  }

  /**
   * Where a sorted or filtered search looks: the ids of the articles published within its period (content
   * order is publication order, newest first, so a period is one range of ids, found on the time index),
   * and its section; null when no article was published in the period.
   */
  private scopeOf(filter: SearchFilter, now: number): Scope | null {
    const until = Math.min(filter.until ?? Number.MAX_SAFE_INTEGER, now);
    const since = filter.since ?? Number.MIN_SAFE_INTEGER;
    if (since > until) return null;
    const newest = this.query("SELECT max(time) FROM articles WHERE time <= ?").pluck().get(until) as number | null;
    const oldest = this.query("SELECT min(time) FROM articles WHERE time >= ?").pluck().get(since) as number | null;
    if (newest === null || oldest === null || newest < since || oldest > until) return null;
    return {
      from: this.query("SELECT min(id) FROM articles WHERE time = ?").pluck().get(newest) as number,
      to: this.query("SELECT max(id) FROM articles WHERE time = ?").pluck().get(oldest) as number,
      section: filter.section ?? null,
    };
  }

  /**
   * The published matches of `match` (within `scope`): their total, and `newest(count)`, the newest `count`
   * in content order (`oldestFirst`: the oldest, in its reverse). Where the sample holds few, every match is
   * listed in one statement (FTS5 visits each match to count them anyway, and the newest come with it: a
   * count and then the newest were two passes over the same doclists, 11–31 ms each for four to six common
   * words at 100,000 articles). Where it holds many, the total is estimated from the sample and the newest
   * are read as asked. In a section the sample decides without it (a statement without a join), and the
   * section's share of many matches is estimated from the sample's: counting it would look up every match.
   * A count alone (`limit` 0) is estimated sooner (COUNT_ONLY_ESTIMATE_FROM, lib/archive/estimate.ts).
   */
  private matches(match: string, now: number, limit: number, scope?: Scope): { counts: SearchTotal; newest: Newest } {
    const sampled = this.publishedMatches("search_sample", match, now, scope && { ...scope, section: null });
    if (!estimatesFrom(sampled, this.options.estimateFrom, limit)) {
      const ids = this.publishedIds(match, now, scope);
      return {
        counts: { total: ids.length },
        newest: (count, oldestFirst = false) =>
          oldestFirst ? ids.slice(Math.max(0, ids.length - count)).reverse() : ids.slice(0, count),
      };
    }
    return {
      counts: totalFromSample(scope?.section ? this.publishedMatches("search_sample", match, now, scope) : sampled),
      newest: (count, oldestFirst = false) => this.newestMatches(match, now, count, scope, oldestFirst),
    };
  }

  /** Every published article matching `match` (within `scope`), in content order. */
  private publishedIds(match: string, now: number, scope?: Scope): number[] {
    const ids = this.query(
      `SELECT g.rowid FROM search_grams g ${scope?.section ? "CROSS JOIN articles h ON h.id = g.rowid" : ""}
       WHERE search_grams MATCH @match ${scopeCondition(scope)} ORDER BY g.rowid`,
    )
      .pluck()
      .all({ match, ...scope }) as number[];
    // Drafts and scheduled articles: few, whatever the archive's size.
    const unpublished = this.query("SELECT id FROM articles WHERE draft = 1 UNION SELECT id FROM articles WHERE time > ?")
      .pluck()
      .all(now) as number[];
    if (!unpublished.length) return ids;
    const hidden = new Set(unpublished);
    return ids.filter((id) => !hidden.has(id));
  }

  /**
   * The newest `limit` published articles matching the FTS5 expression `match` (within `scope`), in content
   * order (`oldestFirst`: its reverse). One statement: FTS5 reads a common gram's whole doclist for each
   * statement, so reading the index a range of ids at a time cost 67 times the work at 100,000 articles
   * (four common words: 1.6 s instead of 90 ms).
   */
  private newestMatches(match: string, now: number, limit: number, scope?: Scope, oldestFirst = false): number[] {
    return this.query(
      // CROSS JOIN: the index's matches drive, each looked up by id, whatever the statistics say.
      `SELECT g.rowid FROM search_grams g CROSS JOIN ${scope?.section ? "articles h ON h.id" : "search_heads h ON h.article_id"} = g.rowid
       WHERE search_grams MATCH @match AND +h.draft = 0 AND +h.time <= @now ${scopeCondition(scope)}
       ORDER BY g.rowid ${oldestFirst ? "DESC" : ""} LIMIT @limit`,
    )
      .pluck()
      .all({ match, now, limit, ...scope }) as number[];
  }

  /**
   * The best `place` matches by walking the index's states (lib/archive/search-levels.ts) within the walk's
   * budget; where it ran out, the best of what it read and of the newest matches, each scored. Within
   * `scope`, the walk's ranges are cut to the scope's ids.
   */
  private async walk(
    plans: TermPlan[],
    now: number,
    place: number,
    score: (id: number) => number,
    newest: Newest,
    scope?: Scope,
  ) {
    const exists = this.query("SELECT 1 FROM search_grams WHERE search_grams MATCH ? LIMIT 1");
    const states = searchStates(plans, (match) => exists.get(match) !== undefined);
    // Its own statement: a search yields between steps, and another search may be iterating a cached one.
    const rowsBetween = this.db
      .prepare(
        `SELECT g.rowid FROM search_grams g JOIN ${scope?.section ? "articles h ON h.id" : "search_heads h ON h.article_id"} = g.rowid
         WHERE search_grams MATCH @match AND g.rowid >= @start AND g.rowid < @end AND +h.draft = 0 AND +h.time <= @now
           ${scope?.section ? "AND +h.section = @section" : ""} ORDER BY g.rowid`,
      )
      .pluck();
    const bounds = this.stepBounds();
    const steps = scope ? [scope.from, ...bounds.filter((id) => id > scope.from && id <= scope.to), scope.to + 1] : bounds;
    const section = scope?.section ?? undefined;
    // A state's rows a range of ids at a time (ROWS_A_STEP), letting readers in between ranges.
    async function* stateRows(state: SearchState): AsyncGenerator<number> {
      for (let i = 0; i + 1 < steps.length; i++) {
        if (i > 0) await yieldToReaders();
        const range = { match: state.match, start: steps[i], end: steps[i + 1], now, ...(section && { section }) };
        yield* rowsBetween.iterate(range) as IterableIterator<number>;
      }
    }
    const walked = await walkStates(states, place, stateRows, score, undefined, this.budget.walk);
    return settleWalk(walked, place, (count) => newest(count), score);
  }

  /** An article's search fields by id (its body stored as statements.ts toBodyBytes says). */
  private fieldsOf(): (id: number) => SearchFields {
    const fields = this.query(
      "SELECT h.title, h.tags, h.summary, b.body FROM search_heads h JOIN search_bodies b ON b.article_id = h.article_id WHERE h.article_id = ?",
    );
    return (id) => {
      const row = fields.get(id) as Omit<SearchFields, "body"> & { body: Buffer };
      return { title: row.title, tags: row.tags, summary: row.summary, body: fromBodyBytes(row.body) };
    };
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
  /** Ids that cut the archive into ranges of ROWS_A_STEP articles, in content order, first and past-last included. */
  stepBounds(): number[] {
    if (!this.steps) {
      const ids = this.query(`SELECT id FROM articles ORDER BY id`).pluck().all() as number[];
      this.steps = [...ids.filter((_, i) => i % ROWS_A_STEP === 0), (ids.at(-1) ?? 0) + 1];
    }
    return this.steps;
  }

  /**
   * Published articles matching the FTS5 expression `match` in `table` (within `scope`): search_grams, every
   * article, or search_sample, the sample a common query's total is estimated from.
   */
  private publishedMatches(table: "search_grams" | "search_sample", match: string, now: number, scope?: Scope): number {
    if (scope?.section)
      // The section is the article's: each match looked up (the sample's are an eighth of them).
      return this.query(
        `SELECT count(*) FROM ${table} g CROSS JOIN articles h ON h.id = g.rowid
         WHERE ${table} MATCH @match AND +h.draft = 0 AND +h.time <= @now ${scopeCondition(scope)}`,
      )
        .pluck()
        .get({ match, now, ...scope }) as number;
    const matching = this.query(`SELECT count(*) FROM ${table} g WHERE ${table} MATCH @match ${scopeCondition(scope)}`)
      .pluck()
      .get({ match, ...scope }) as number;
    return matching - this.unpublishedMatches(table, match, now, scope);
  }

  /** Drafts and scheduled articles matching `match` in `table` (within `scope`): few, whatever the archive's size. */
  private unpublishedMatches(table: "search_grams" | "search_sample", match: string, now: number, scope?: Scope): number {
    return this.query(
      `SELECT count(*) FROM ${table} g WHERE ${table} MATCH @match ${scopeCondition(scope)} AND rowid IN
         (SELECT id FROM articles WHERE draft = 1 UNION SELECT id FROM articles WHERE time > @now)`,
    )
      .pluck()
      .get({ match, now, ...scope }) as number;
  }
}

/**
 * Where a sorted or filtered search looks (SqliteSearch.scopeOf): articles of ids `from` to `to` (a period
 * of publication), of one section or any.
 */
type Scope = { from: number; to: number; section: string | null };

/** Articles rankMatches bounds before it judges whether bounding skips enough of them (a quarter) to go on. */
const BOUNDED_FIRST = 100;

/** The newest `count` matches of a search, in content order (`oldestFirst`: the oldest, in its reverse). */
type Newest = (count: number, oldestFirst?: boolean) => number[];

/** The SQL that keeps a statement's index rows (`g`) within `scope` (its ids; the section is the joined article's, `h`). */
const scopeCondition = (scope: Scope | undefined) =>
  !scope ? "" : `AND g.rowid >= @from AND g.rowid <= @to ${scope.section ? "AND +h.section = @section" : ""}`;

/**
 * Articles one statement of a walk covers (a range of ids, content order). In the thread that serves pages
 * (next dev, tests) a range bounds each step: an FTS5 expression finding few rows scans its posting lists
 * between them, and at 100,000 articles one step of a sparse state held the event loop 62–70 ms; the walk
 * yields between ranges. A search thread (lib/archive/search-threads.ts, where the production server runs
 * every SQLite search) has no page to let in, and FTS5 loads a gram's doclist for each statement, so a
 * state is read in one: at 100,000 articles eight ranges made walks 3–4 times slower (사업마다 201:
 * 288 → 77 ms, 혁신 클러스터 지역: 340 → 63 ms), for statements of at most ~90 ms.
 */
const ROWS_A_STEP = isMainThread ? 12_500 : Infinity;
