// Search over the read model in PostgreSQL: the levels tokens' GIN index (lib/archive/postgres/schema.ts),
// ranked as lib/search-core/ranking.ts ranks, in the bounded steps both engines take (lib/archive/search-budget.ts),
// walking the states of lib/archive/search-levels.ts written as tsqueries. Counting is search-counts.ts.
import pg from "pg";
import { scoreFields, type SearchFields } from "@/lib/search-core/ranking";
import {
  matchAll,
  searchStates,
  termPlan,
  TSQUERY,
  walkStates,
  type RankedId,
  type SearchState,
} from "@/lib/archive/search-levels";
import { rankScored, SearchBudget, settleWalk, type SearchTuning } from "@/lib/archive/search-budget";
import { isFiltered, type SearchFilter } from "@/lib/search/filters";
import { searchRequest } from "@/lib/archive/search-request";
import type { ArchiveSearchResult } from "@/lib/archive/reader";
import { estimatesFrom, settledTotal, type SearchTotal } from "@/lib/archive/estimate";
import { SAMPLED_ROW, toCard, TOKENS_PUBLISHED, type ArticleRow } from "@/lib/archive/postgres/schema";
import type { PgConnection } from "@/lib/archive/postgres/connection";
import {
  countedFilterTotal,
  countMatches,
  overlapped,
  sampledFilterTotal,
  VERIFIED_AT_MOST,
} from "@/lib/archive/postgres/search-counts";

/** The search of one PostgreSQL reader: its connections and its settings (SearchTuning). */
export class PostgresSearch {
  private readonly budget: SearchBudget;

  constructor(
    private readonly db: PgConnection,
    private readonly options: SearchTuning,
  ) {
    this.budget = new SearchBudget("postgres", options);
  }

  /**
   * As the SQLite reader's `search`, over the levels tokens' GIN index and in the same bounded steps
   * (lib/archive/search-budget.ts): a few candidates are scored one by one; otherwise one to three terms
   * walk the states best first (lib/archive/search-levels.ts with tsqueries), longer queries score the
   * newest matches. Tokens cannot say where a longer term's grams stand, so for such terms the count and
   * the walk's rows read the fields (strpos, scoreFields) of the articles whose tokens match.
   */
  async search(raw: string, now: number, offset = 0, limit = 10, filter?: SearchFilter): Promise<ArchiveSearchResult> {
    const { terms, display, params } = searchRequest(raw, now, offset, limit);
    if (!terms.length) return { terms, display, total: 0, hits: [] };
    const plans = terms.map((term) => termPlan(term, TSQUERY));
    params.all = matchAll(plans, TSQUERY);
    const place = offset + limit;
    // A longer term's tokens match articles holding its grams apart too: its own text decides.
    const holds = terms
      .flatMap((term, i) =>
        !plans[i]!.anywhereExact
          ? [
              `(strpos(h.title, @t${i}::text) > 0 OR strpos(h.tags, @t${i}::text) > 0 OR strpos(h.summary, @t${i}::text) > 0 OR strpos(h.body, @t${i}::text) > 0)`,
            ]
          : [],
      )
      .join(" AND ");
    const order = new Map<number, { time: number; slug: string }>();
    const fields = new Map<number, SearchFields>();
    const before = (a: number, b: number) => {
      const x = order.get(a)!;
      const y = order.get(b)!;
      return x.time > y.time || (x.time === y.time && x.slug < y.slug);
    };
    const score = (id: number) => scoreFields(fields.get(id)!, terms);
    if (isFiltered(filter)) return this.filtered(terms, display, params, holds, filter);
    // A limit of 0 asks how many: the count alone.
    if (limit === 0)
      return {
        terms,
        display,
        ...(await this.db.withTokenIndex(true, (client, second) =>
          countMatches(this.db, this.options, [second ?? client, client], terms, plans, params, holds),
        )),
        hits: [],
      };
    const directMax = this.budget.directMax(terms.length);
    const { path, direct } = await this.db.withTokenIndex(false, async (client) => {
      // Counted without fields first: a common term's bodies are not read to learn that it is common.
      const [probe] = await this.db.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM archive_search_tokens s
           WHERE s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} LIMIT ${directMax + 1}) c`,
        params,
        client,
      );
      const path = this.budget.path(probe!.n, terms.length);
      if (path !== "direct") return { path };
      const candidates = await this.newestCandidates(client, params, directMax, order, fields);
      return { path, direct: await rankScored(candidates, place, score, before) };
    });
    if (direct) return this.page(terms, display, { total: direct.matched }, direct.ranked.slice(offset), order, true);
    if (path === "newest") {
      // The newest SCORED_AT_MOST matches' fields read and scored here, as a few matches are: scored in SQL
      // (strpos, and length and replace to count repeats, on every body) six common words took 244 ms at
      // 100,000 articles, against ~50 ms to send the thousand rows and 13 ms to score them. The count runs
      // on the second connection alone: a statement sent to the first would wait for the candidates.
      const { scoredAtMost } = this.budget;
      const { counts, ranked } = await this.db.withTokenIndex(true, async (client, second) => {
        const counter = second ?? client;
        const [counts, candidates] = await overlapped(
          !second,
          () => countMatches(this.db, this.options, [counter, counter], terms, plans, params, holds),
          () => this.newestCandidates(client, params, scoredAtMost, order, fields),
        );
        return { counts, ranked: (await rankScored(candidates, place, score, before)).ranked };
      });
      const complete = !counts.totalIsEstimate && counts.total <= scoredAtMost;
      return this.page(terms, display, counts, ranked.slice(offset), order, complete);
    }
    const { counts, walked } = await this.db.withTokenIndex(true, async (client, second) => {
      // The count and the walk need nothing of each other: on two connections they overlap.
      const counted = () => countMatches(this.db, this.options, [second ?? client, client], terms, plans, params, holds);
      const states = searchStates(
        plans,
        async (match) =>
          (await this.db.rows("SELECT 1 FROM archive_search_tokens WHERE tokens @@ @match::tsquery LIMIT 1", { match }, client))
            .length > 0,
        TSQUERY,
      );
      const rows = this.stateRows.bind(this, client, now, place, order, fields);
      const newest = (count: number) => this.newestCandidates(client, params, count, order, fields);
      const walk = async () =>
        settleWalk(await walkStates(states, place, rows, score, before, this.budget.walk), place, newest, score, before);
      // Both settle before either connection is given back, failed or not.
      const [counts, walked] = await overlapped(!second, counted, walk);
      return { counts, walked };
    });
    const total = walked.complete ? settledTotal(counts, walked.ranked.length, place) : counts;
    return this.page(terms, display, total, walked.ranked.slice(offset), order, walked.complete);
  }

  /**
   * A search sorted by date or filtered by period or section. Its candidates (tokens matching, in the period
   * and section) are counted through the index, or estimated from the sample when they are many; a longer
   * term's share of them that holds it is read off VERIFIED_AT_MOST of them. By date, the page is the rows
   * at its place, each checked to hold every term; by relevance the newest SCORED_AT_MOST holding them are
   * scored (more is marked rankingIsPartial).
   */
  private async filtered(
    terms: string[],
    display: string,
    params: Record<string, unknown>,
    holds: string,
    filter: SearchFilter,
  ): Promise<ArchiveSearchResult> {
    Object.assign(params, {
      since: filter.since ?? Number.MIN_SAFE_INTEGER,
      until: filter.until ?? Number.MAX_SAFE_INTEGER,
      section: filter.section ?? null,
      verified: VERIFIED_AT_MOST,
      scoredAtMost: this.budget.scoredAtMost,
    });
    const section = filter.section ? "AND s.article_id IN (SELECT a.id FROM archive_articles a WHERE a.section = @section)" : "";
    const limit = params.limit as number;
    const offset = params.offset as number;
    return this.db.withTokenIndex(false, async (client) => {
      // A period of few articles is read off the time index, each row's tokens tested; a longer one is left
      // to the tokens' index (`time + 0`): the planner chose the time index for three years of 100,000
      // articles and unpacked 20,000 rows' tsvectors to test them, 450–550 ms a statement.
      const [{ n: articlesInPeriod }] = (await this.db.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM archive_search_tokens s
           WHERE s.time >= @since AND s.time <= @until LIMIT ${PERIOD_TESTED_AT_MOST + 1}) p`,
        params,
        client,
      )) as [{ n: number }];
      const period =
        articlesInPeriod <= PERIOD_TESTED_AT_MOST
          ? "s.time >= @since AND s.time <= @until"
          : "s.time + 0 >= @since AND s.time + 0 <= @until";
      const inFilter = `${period} ${section}`;
      const where = `s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} AND ${inFilter}`;
      const sampledIn = async (scope: string) =>
        (
          await this.db.rows<{ n: number }>(
            `SELECT count(*)::int AS n FROM archive_search_tokens s
             WHERE s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} AND ${scope} AND ${SAMPLED_ROW}`,
            params,
            client,
          )
        )[0]!.n;
      // Counted on the sample first (a section's share looked up, a join): where the section's matches are
      // many, the total is estimated from the sample, and the page is read in the time index's order, which
      // stops at the page (a bitmap of every match sorted by time: 400–600 ms for a common word at 100,000).
      const sampled = await sampledIn(inFilter);
      const many = estimatesFrom(sampled, this.options.estimateFrom, limit);
      const estimated = many ? await sampledFilterTotal(this.db, client, params, sampled, holds, inFilter) : undefined;
      // None of the sample's candidates read holding a longer term is no estimate of zero: counted instead.
      const counts =
        estimated && estimated.total > 0
          ? estimated
          : await countedFilterTotal(
              this.db,
              client,
              params,
              where,
              holds,
              filter.sort === "oldest" ? "s.time, s.slug DESC" : "-s.time, s.slug",
            );
      // Few candidates are sorted (`-s.time` is not the time index's order: they are found by the tokens'),
      // many are found in the time index's order. The order is the candidates' own columns (`key`, `slug`).
      const [key, direction, slugDirection] =
        filter.sort === "oldest" ? ["s.time", "", "DESC"] : many ? ["s.time", "DESC", ""] : ["-s.time", "", ""];
      const order = `${key} ${direction}, s.slug ${slugDirection}`;
      // Read in the time index's order, many use its range (the period as written for it).
      const pageWhere = many
        ? `s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} AND s.time >= @since AND s.time <= @until ${section}`
        : where;
      if (many) await client.query("SET LOCAL enable_bitmapscan = off");
      if (limit === 0 || (!counts.totalIsEstimate && offset >= counts.total)) return { terms, display, ...counts, hits: [] };
      const byRelevance = filter.sort === "relevance";
      // Candidates in order first, then their fields, tested for a longer term's text only until the page
      // is full: joined and tested first, every candidate was (18,662 of 열렸음에도 설명이다. at 100,000
      // articles, oldest first: 413 ms, 27 ms in order first).
      const rows = await this.db.rows<{ id: number; time: number; slug: string } & SearchFields>(
        `SELECT c.id, c.time, c.slug, h.title, h.tags, h.summary, h.body
         FROM (SELECT s.article_id AS id, s.time, s.slug, ${key} AS key FROM archive_search_tokens s
               WHERE ${pageWhere} ORDER BY ${order}) c
         JOIN archive_search h ON h.article_id = c.id
         ${holds ? `WHERE ${holds}` : ""} ORDER BY c.key ${direction}, c.slug ${slugDirection} LIMIT @wanted OFFSET @skipped`,
        { ...params, wanted: byRelevance ? params.scoredAtMost : limit, skipped: byRelevance ? 0 : offset },
        client,
      );
      const timeOf = new Map(rows.map((row) => [row.id, { time: row.time }]));
      const score = (row: SearchFields) => scoreFields(row, terms);
      if (!byRelevance)
        return this.page(
          terms,
          display,
          counts,
          rows.map((row) => ({ id: row.id, score: score(row) })),
          timeOf,
          true,
        );
      const fields = new Map(rows.map((row) => [row.id, row]));
      const place = new Map(rows.map((row, i) => [row.id, i]));
      const { ranked } = await rankScored(
        rows.map((row) => row.id),
        offset + limit,
        (id) => score(fields.get(id)!),
        (a, b) => place.get(a)! < place.get(b)!,
      );
      const complete = !counts.totalIsEstimate && counts.total <= (params.scoredAtMost as number);
      return this.page(terms, display, counts, ranked.slice(offset), timeOf, complete);
    });
  }

  /**
   * The newest `limit` published articles whose tokens match every term, with their fields (into `fields`)
   * and their place in content order (into `order`).
   */
  private async newestCandidates(
    client: pg.PoolClient,
    params: Record<string, unknown>,
    limit: number,
    order: Map<number, { time: number; slug: string }>,
    fields: Map<number, SearchFields>,
  ): Promise<number[]> {
    const rows = await this.db.rows<{ id: number; time: number; slug: string } & SearchFields>(
      `SELECT p.id, p.time, p.slug, h.title, h.tags, h.summary, h.body
       FROM (SELECT s.article_id AS id, s.time, s.slug FROM archive_search_tokens s
         WHERE s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} ORDER BY -s.time, s.slug LIMIT @candidates) p
       JOIN archive_search h ON h.article_id = p.id ORDER BY -p.time, p.slug`,
      { ...params, candidates: limit },
      client,
    );
    for (const row of rows) {
      order.set(row.id, { time: row.time, slug: row.slug });
      fields.set(row.id, row);
    }
    return rows.map((row) => row.id);
  }

  /** A page of ranked ids as search hits. */
  private async page(
    terms: string[],
    display: string,
    total: SearchTotal,
    ranked: RankedId[],
    order: Map<number, { time: number }>,
    complete: boolean,
  ): Promise<ArchiveSearchResult> {
    const cards = new Map(
      (
        await this.db.rows<{ id: number } & ArticleRow>(
          "SELECT id, card, plain_text FROM archive_articles WHERE id = ANY(@ids::int[])",
          {
            ids: ranked.map((r) => r.id),
          },
        )
      ).map((row) => [row.id, row]),
    );
    const hits = ranked.map(({ id, score }) => {
      const row = cards.get(id)!;
      return { article: toCard(row), plainText: row.plain_text, score, time: order.get(id)!.time };
    });
    return { terms, display, ...total, ...(!complete && { rankingIsPartial: true as const }), hits };
  }

  /**
   * A state's published rows in content order, fetched a batch at a time, with the fields that score them
   * when the state is inexact. An exact walk mostly ends inside the page, so its first batch is the page;
   * an inexact state's rows score less than its bound, so the walk reads on, and each batch costs the
   * state's whole bitmap again (at 100,000 articles, 22 ms for the first 10 rows of 사이언스파크 and 44 ms
   * for the next 40): its first batch is five pages.
   */
  private async *stateRows(
    client: pg.PoolClient,
    now: number,
    place: number,
    order: Map<number, { time: number; slug: string }>,
    fields: Map<number, SearchFields>,
    state: SearchState,
  ): AsyncGenerator<number> {
    const withFields = !state.exact;
    let after: { time: number; slug: string } | undefined;
    for (let size = withFields ? place * INEXACT_FIRST_BATCH : place; ; size *= 4) {
      // Ordered by an expression no index has: walking the newest-first index and unpacking each row's
      // tsvector to test it took 200 ms when the planner misjudged a rare state as common. But an exact
      // state holding a good share of the archive (a common character repeated in the body: 49,000 rows
      // at 100,000) costs its whole bitmap and a sort, 38 ms, for rows among the newest few dozen; so its
      // first batch tests the newest PROBED_NEWEST articles first (1–3 ms), and reads the bitmap only when
      // they do not fill it (the gate is evaluated once, before the bitmap is built). The newest are
      // fenced off in a CTE of their own: joined to the state's rows, the planner would build the bitmap
      // first and walk the newest once per row (376 ms). An inexact state's first batch is five pages,
      // which the newest seldom fill.
      const bitmap = `SELECT s.article_id AS id, s.time, s.slug FROM archive_search_tokens s
         WHERE s.tokens @@ @match::tsquery AND ${TOKENS_PUBLISHED}
           ${after ? "AND (s.time + 0 < @time OR (s.time + 0 = @time AND s.slug > @slug))" : ""}
         ORDER BY -s.time, s.slug LIMIT @size`;
      const found =
        after === undefined && !withFields
          ? `WITH newest AS MATERIALIZED (
               SELECT s.article_id AS id, s.time, s.slug, s.tokens FROM archive_search_tokens s
               WHERE NOT s.draft AND s.time <= @now ORDER BY s.time DESC, s.slug LIMIT @probed),
             probed AS MATERIALIZED (
               SELECT id, time, slug FROM newest WHERE tokens @@ @match::tsquery ORDER BY time DESC, slug LIMIT @size),
             enough AS (SELECT count(*) = @size AS enough FROM probed)
             SELECT * FROM probed WHERE (SELECT enough FROM enough)
             UNION ALL
             SELECT * FROM (${bitmap}) b WHERE NOT (SELECT enough FROM enough)`
          : bitmap;
      const batch = await this.db.rows<{ id: number; time: number; slug: string } & Partial<SearchFields>>(
        `SELECT p.id, p.time, p.slug ${withFields ? ", h.title, h.tags, h.summary, h.body" : ""}
         FROM (${found}) p
         ${withFields ? "JOIN archive_search h ON h.article_id = p.id" : ""}
         ORDER BY -p.time, p.slug`,
        { match: state.match, now, size, probed: PROBED_NEWEST, ...after },
        client,
      );
      for (const row of batch) {
        order.set(row.id, { time: row.time, slug: row.slug });
        if (withFields) fields.set(row.id, row as SearchFields);
        yield row.id;
      }
      if (batch.length < size) return;
      after = order.get(batch[batch.length - 1]!.id);
    }
  }
}

/** The newest articles a state's first batch tests before it reads the state's whole bitmap (stateRows). */
const PROBED_NEWEST = 100;
/** Pages of rows an inexact state's first batch holds (PostgresArchiveReader.stateRows). */
const INEXACT_FIRST_BATCH = 5;

/**
 * Articles of a period up to which a filtered search reads the period off the time index and tests each
 * row's tokens (~20 µs a row, its tsvector unpacked); a longer period is left to the tokens' GIN index.
 */
const PERIOD_TESTED_AT_MOST = 2_000;
