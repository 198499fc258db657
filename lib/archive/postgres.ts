// The read model in PostgreSQL, for several instances sharing one database (DATABASE_URL=postgres://…).
// The build still writes its SQLite read model (lib/archive/write.ts); the first instance of a new build
// to start copies into PostgreSQL only the articles whose digest changed, removes the ones gone, under an
// advisory lock in one transaction (syncReadModel), so only one process syncs per deploy and readers see
// the old archive or the new one, never half of each. PostgresArchiveReader then answers every question
// as the SQLite reader does (tests/unit/read-model.test.ts runs both against one reference).
//
// Order: in SQLite an article's id is its place in content order; here ids are stable across syncs, so
// lists order by what content order is made of: newest first, then slug (byte order, COLLATE "C"), and a
// series by part number, then oldest first, then slug (group_members.rank1, rank2, slug).
import type Database from "better-sqlite3";
import pg from "pg";
import type { Article, ArticleCard, Banner, Publisher } from "@/lib/content/schema";
import type { Photo } from "@/lib/images/photos";
import { fieldWeightSql, repeatSql, scoreFields, type SearchFields } from "@/lib/search/ranking";
import {
  matchAll,
  searchFields,
  searchStates,
  postgresTokens,
  searchWords,
  termPlan,
  TSQUERY,
  walkStates,
  WORD_MARK,
  type RankedId,
  type SearchState,
  type TermPlan,
} from "@/lib/archive/search-levels";
import {
  DIRECT_SCORING_MAX,
  fillPartial,
  NEWEST_SCORED_WHEN_PARTIAL,
  rankScored,
  SCORED_AT_MOST,
  scoreEach,
  type SearchTuning,
} from "@/lib/archive/search-budget";
import { nameKey as groupKey, normalizeAlias } from "@/lib/urls";
import { isFiltered, type SearchFilter } from "@/lib/search/filters";
import { LEVELLED_TERMS } from "@/lib/archive/search-budget";
import { RelatedRanking, type RelatedCandidateRow } from "@/lib/archive/related-ranking";
import { searchRequest } from "@/lib/archive/search-request";
import type { ArchiveReader, ArchiveSearchHit, ArchiveSearchResult, GroupSummary, RelationFacts } from "@/lib/archive/reader";
import { RELATED_WEIGHTS, relatedScore } from "@/lib/related";
import {
  estimatesFrom,
  roundEstimate,
  SAMPLE_EVERY,
  settledTotal,
  totalFromSample,
  type SearchTotal,
} from "@/lib/archive/estimate";
import { groupEntriesOf, READ_MODEL_VERSION } from "@/lib/archive/write";
import type { GroupKind, PickKey } from "@/lib/archive/reader";

// bigint (int8) columns are epoch milliseconds and counts: numbers, not strings.
pg.types.setTypeParser(20, (value) => Number(value));

/** Bumped with the tables below: a sync finding other tables drops and rewrites them. */
const PG_SCHEMA_VERSION = `${READ_MODEL_VERSION}.7`;

const TABLES = [
  "archive_search_words",
  "archive_search_tokens",
  "archive_search",
  "archive_aliases",
  "archive_group_members",
  "archive_photos",
  "archive_articles",
  "archive_meta",
];

const SCHEMA = `
CREATE TABLE archive_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE archive_articles (
  id serial PRIMARY KEY,
  slug text COLLATE "C" NOT NULL UNIQUE,
  hash text NOT NULL,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  section text COLLATE "C" NOT NULL,
  column_slug text COLLATE "C",
  approximate boolean NOT NULL,
  last_modified text NOT NULL,
  relation text NOT NULL,
  card text NOT NULL,
  html text NOT NULL,
  plain_text text NOT NULL
);
CREATE INDEX archive_articles_newest ON archive_articles (time DESC, slug);
-- Published-ness (draft, time) and order are copied into each membership, so a listing page is one index range.
CREATE TABLE archive_group_members (
  kind text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  article_id integer NOT NULL REFERENCES archive_articles ON DELETE CASCADE,
  rank1 integer NOT NULL,
  rank2 bigint NOT NULL,
  slug text COLLATE "C" NOT NULL,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  section text COLLATE "C" NOT NULL,
  name text NOT NULL,
  value text,
  multiplicity integer NOT NULL,
  PRIMARY KEY (kind, key, article_id)
);
-- Covering: page N of a group is a walk along this index alone (VACUUM after each sync keeps it index-only).
CREATE INDEX archive_group_members_order ON archive_group_members (kind, key, rank1, rank2, slug) INCLUDE (draft, time, article_id);
-- 관련기사: the newest members of a tag in the article's own section, walked in order until enough share
-- every other tag (PostgresArchiveReader.related). Through the index above the planner read all of a
-- common tag's members and sorted them: 25–112 ms for an old article's first render at 100,000; 0.1 ms here.
CREATE INDEX archive_group_members_section_order ON archive_group_members (kind, key, section, rank1, rank2, slug)
  INCLUDE (draft, time, article_id);
CREATE INDEX archive_group_members_article ON archive_group_members (article_id);
-- Members naming a tag twice: 관련기사 bounds them apart (relatedIdeal below).
CREATE INDEX archive_group_members_repeated ON archive_group_members (kind, key) WHERE multiplicity > 1;
CREATE TABLE archive_aliases (alias text PRIMARY KEY, article_id integer NOT NULL REFERENCES archive_articles ON DELETE CASCADE);
CREATE INDEX archive_aliases_article ON archive_aliases (article_id);
CREATE TABLE archive_photos (hash text PRIMARY KEY, photo text NOT NULL);
-- Search: each article's compact fields, which score the rows the walk reaches and the longer queries'
-- matches, and apart, in a narrow table, the levels tokens of lib/archive/search-levels.ts as a tsvector
-- (a GIN index answers a state's tsquery) with what content order and publishing are made of: counting a
-- common word's matches reads this table's pages, not the bodies.
CREATE TABLE archive_search (
  article_id integer PRIMARY KEY REFERENCES archive_articles ON DELETE CASCADE,
  title text NOT NULL,
  tags text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL
);
CREATE TABLE archive_search_tokens (
  article_id integer PRIMARY KEY REFERENCES archive_articles ON DELETE CASCADE,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  slug text COLLATE "C" NOT NULL,
  tokens tsvector NOT NULL
);
CREATE INDEX archive_search_tokens_levels ON archive_search_tokens USING gin (tokens);
-- Every SAMPLE_EVERY-th article by id (ids follow content order, so a systematic sample over the years): a
-- common term's total is estimated from it (PostgresArchiveReader.countMatches) instead of visiting each
-- of tens of thousands of matching rows.
CREATE INDEX archive_search_tokens_sample ON archive_search_tokens USING gin (tokens) WHERE @sampled;
CREATE INDEX archive_search_tokens_newest ON archive_search_tokens (time DESC, slug);
-- Every word (3 to 64 letters and digits) any article has held, with a trigram index (pg_trgm): the words
-- containing a longer term, whose tokens say for certain an article holds it (searchWords).
CREATE TABLE archive_search_words (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX archive_search_words_trigrams ON archive_search_words USING gin (word @trgm.gin_trgm_ops);
`;

/** `@name` placeholders as PostgreSQL's `$n`, with the values in order. */
function bind(text: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const names: string[] = [];
  const sql = text.replace(/@([a-zA-Z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for @${name}`);
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text: sql, values: names.map((name) => params[name]) };
}

const PUBLISHED = "NOT a.draft AND a.time <= @now";
const MEMBER_PUBLISHED = "NOT m.draft AND m.time <= @now";
/**
 * Published, of a row s of archive_search_tokens whose tokens a statement tests. `time + 0` keeps the
 * newest-first index out of the plan: the planner does not count what testing a row's tokens costs
 * (unpacking a tsvector of thousands of lexemes), so it took that index for the time condition and
 * tested every published row, where the GIN index answers at once. On a small archive for every state
 * (2,000 articles: 25 ms a state, 110–170 ms a search, against 1 ms a state); with a LIMIT at any size
 * (countHolding: 530 ms for 1,000 rows at 100,000 articles, against 26 ms).
 */
const TOKENS_PUBLISHED = "NOT s.draft AND s.time + 0 <= @now";
const NEWEST = "a.time DESC, a.slug";
const MEMBER_ORDER = "m.rank1, m.rank2, m.slug";

type CardRow = { card: string };
type ArticleRow = { card: string; html: string; plain_text: string };
const toCard = (row: CardRow): ArticleCard => JSON.parse(row.card) as ArticleCard;
const toArticle = (row: ArticleRow): Article => ({ ...toCard(row), html: row.html, plainText: row.plain_text });

/**
 * The most a 관련기사 candidate can score (as a bound) when it is neither one of the editor's picks nor names
 * one of the article's tags twice: every tag, the series and the section. `walk` names the list whose
 * members are walked in content order to find such candidates (a tag's, or the section's when the article
 * has no tags) and the other tags each must also have. Undefined when the article has neither tags nor a
 * series: then the section's newest, which the aggregate reads first, are all there is.
 */
export function relatedIdeal(article: Pick<Article, "tags" | "series" | "section">) {
  const keys = [...new Set(article.tags.map(groupKey))];
  if (!keys.length && !article.series) return undefined;
  const [pivot, ...others] = keys;
  return {
    bound: (article.series ? RELATED_WEIGHTS.series : 0) + RELATED_WEIGHTS.tag * keys.length + RELATED_WEIGHTS.section,
    walk: pivot ? { pivotKind: "tag", pivot, others } : { pivotKind: "section", pivot: article.section, others: [] as string[] },
  };
}

/**
 * Whether a ranking offered the picks and repeated-tag members bound at least `idealBound`, then the
 * newest candidates bound exactly `idealBound` (up to `limit` of them), is final: it is full and its last
 * scores `idealBound` or more. Every other candidate is bounded by `idealBound`, and those reaching it are
 * older than the ones offered, so none ranks before the last.
 */
function idealSettles(article: Article, ranking: RelatedRanking, limit: number, idealBound: number): boolean {
  const last = ranking.best[limit - 1];
  return last !== undefined && relatedScore(article, last) >= idealBound;
}

/** The read model in PostgreSQL tables (in the pool's search_path). */
export class PostgresArchiveReader implements ArchiveReader {
  readonly engine = "postgres";
  /** `options`: other search settings than the defaults, for tests and benchmarks (SearchTuning). */
  constructor(
    readonly pool: pg.Pool,
    private readonly opened: Promise<unknown> = Promise.resolve(),
    readonly options: SearchTuning = {},
  ) {}

  ready(): Promise<void> {
    return this.opened.then(() => undefined);
  }

  private async rows<T>(
    text: string,
    params: Record<string, unknown> = {},
    client: pg.Pool | pg.PoolClient = this.pool,
  ): Promise<T[]> {
    await this.opened;
    const query = bind(text, params);
    return (await client.query(query.text, query.values)).rows as T[];
  }

  /**
   * Runs `work` on a connection that plans with indexes only and, when `paired` and the pool has one
   * free, on a second one reading the same snapshot (search counts on it while it walks on the first). Most articles
   * hold a common gram, so the planner's estimate favours a sequential scan, but it does not count what
   * testing each row's tokens costs (unpacking a tsvector of a few thousand): 99–184 ms at 2,000 articles
   * for the gram arrays before them, against 6 ms through the GIN index (BENCHMARKS.md, "Search").
   */
  private async withTokenIndex<T>(
    paired: boolean,
    work: (client: pg.PoolClient, second?: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    await this.opened;
    const client = await this.pool.connect();
    // Only a connection to be had now: a search waiting for a second while holding one could wait forever.
    const free = this.pool.idleCount > 0 || this.pool.totalCount < (this.pool.options.max ?? 10);
    const second = paired && free ? await this.pool.connect() : undefined;
    const begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    const indexesOnly = "SET LOCAL enable_seqscan = off";
    try {
      if (!second) await client.query(`${begin}; ${indexesOnly}`);
      else {
        const started = (await client.query(
          `${begin}; ${indexesOnly}; SELECT pg_export_snapshot() AS snapshot`,
        )) as unknown as pg.QueryResult[];
        const snapshot = String(started[2]!.rows[0].snapshot);
        if (!/^[0-9A-F-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
        await second.query(`${begin}; SET TRANSACTION SNAPSHOT '${snapshot}'; ${indexesOnly}`);
      }
      const result = await work(client, second);
      await Promise.all([client.query("COMMIT"), second?.query("COMMIT")]);
      return result;
    } catch (error) {
      await Promise.all([client.query("ROLLBACK").catch(() => undefined), second?.query("ROLLBACK").catch(() => undefined)]);
      throw error;
    } finally {
      client.release();
      second?.release();
    }
  }

  private async row<T>(text: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  private async meta<T>(key: string): Promise<T> {
    const row = await this.row<{ value: string }>("SELECT value FROM archive_meta WHERE key = @key", { key });
    if (!row) throw new Error(`the PostgreSQL read model has no ${key}: it was never synced`);
    return JSON.parse(row.value) as T;
  }

  publisher(): Promise<Publisher> {
    return this.meta("publisher");
  }

  banners(): Promise<Banner[]> {
    return this.meta("banners");
  }

  vocabulary(): Promise<string> {
    return this.meta("vocabulary");
  }

  abbreviations(): Promise<Record<string, string>> {
    return this.meta("abbreviations");
  }

  async article(slug: string, now: number): Promise<Article | undefined> {
    const row = await this.row<ArticleRow>(
      `SELECT card, html, plain_text FROM archive_articles a WHERE slug = @slug AND ${PUBLISHED}`,
      { slug, now },
    );
    return row && toArticle(row);
  }

  async exists(slug: string, now: number): Promise<boolean> {
    return (await this.row(`SELECT 1 FROM archive_articles a WHERE slug = @slug AND ${PUBLISHED}`, { slug, now })) !== undefined;
  }

  async newest(now: number, limit: number, offset = 0): Promise<ArticleCard[]> {
    return (
      await this.rows<CardRow>(
        `SELECT card FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST} LIMIT @limit OFFSET @offset`,
        {
          now,
          limit,
          offset,
        },
      )
    ).map(toCard);
  }

  async newestWhole(now: number, limit: number, group?: { kind: GroupKind; key: string }): Promise<Article[]> {
    const rows = group
      ? await this.rows<ArticleRow>(
          `SELECT a.card, a.html, a.plain_text FROM archive_group_members m JOIN archive_articles a ON a.id = m.article_id
           WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY ${MEMBER_ORDER} LIMIT @limit`,
          { ...group, now, limit },
        )
      : await this.rows<ArticleRow>(
          `SELECT card, html, plain_text FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST} LIMIT @limit`,
          { now, limit },
        );
    return rows.map(toArticle);
  }

  async cardsBySlug(slugs: string[], now: number): Promise<ArticleCard[]> {
    if (!slugs.length) return [];
    const rows = await this.rows<CardRow & { slug: string }>(
      `SELECT slug, card FROM archive_articles a WHERE slug = ANY(@slugs::text[]) AND ${PUBLISHED}`,
      { slugs: [...new Set(slugs)], now },
    );
    const found = new Map(rows.map((row) => [row.slug, toCard(row)]));
    return slugs.flatMap((slug) => found.get(slug) ?? []);
  }

  /** Each group's first member in content order names it, as in SQLite; count is over the published. */
  private groupRows(kind: GroupKind, now: number) {
    return this.rows<{ key: string; name: string; value: string | null; count: number }>(
      `SELECT key, name, value, count FROM (
         SELECT DISTINCT ON (m.key) m.key, m.name, m.value, m.time, m.slug, count(*) OVER (PARTITION BY m.key)::int AS count
         FROM archive_group_members m WHERE m.kind = @kind AND ${MEMBER_PUBLISHED}
         ORDER BY m.key, m.time DESC, m.slug) g
       ORDER BY time DESC, slug`,
      { kind, now },
    );
  }

  async groups<T = unknown>(kind: GroupKind, now: number): Promise<GroupSummary<T>[]> {
    return (await this.groupRows(kind, now)).map((row) => toGroup<T>(row));
  }

  async hasPublished(kind: GroupKind, key: string, now: number): Promise<boolean> {
    return (
      (await this.row(
        `SELECT 1 FROM archive_group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} LIMIT 1`,
        {
          kind,
          key,
          now,
        },
      )) !== undefined
    );
  }

  async group<T = unknown>(kind: GroupKind, key: string, now: number): Promise<GroupSummary<T> | undefined> {
    // One group: its first member by the order index, and a count along the index alone.
    const row = await this.row<{ key: string; name: string; value: string | null; count: number }>(
      `SELECT g.key, g.name, g.value,
         (SELECT count(*) FROM archive_group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED})::int AS count
       FROM archive_group_members g WHERE g.kind = @kind AND g.key = @key AND g.article_id = (
         SELECT m.article_id FROM archive_group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED}
         ORDER BY m.time DESC, m.slug LIMIT 1)`,
      { kind, key, now },
    );
    return row && toGroup<T>(row);
  }

  async members(kind: GroupKind, key: string, now: number, limit: number, offset = 0): Promise<ArticleCard[]> {
    return (
      await this.rows<CardRow>(
        // The page's members first, from the index alone; then the texts of those rows only.
        `SELECT a.card FROM (SELECT m.article_id, m.rank1, m.rank2, m.slug FROM archive_group_members m
           WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY ${MEMBER_ORDER} LIMIT @limit OFFSET @offset) m
         JOIN archive_articles a ON a.id = m.article_id ORDER BY ${MEMBER_ORDER}`,
        { kind, key, now, limit, offset },
      )
    ).map(toCard);
  }

  picks(key: PickKey, now: number, limit: number): Promise<ArticleCard[]> {
    return this.members("pick", key, now, limit);
  }

  async groupsLastModified(kind: GroupKind, now: number): Promise<Map<string, string>> {
    const rows = await this.rows<{ key: string; last_modified: string }>(
      `SELECT m.key, max(a.last_modified) AS last_modified FROM archive_group_members m JOIN archive_articles a ON a.id = m.article_id
       WHERE m.kind = @kind AND ${MEMBER_PUBLISHED} GROUP BY m.key`,
      { kind, now },
    );
    return new Map(rows.map((row) => [row.key, row.last_modified]));
  }

  pagesHoldingNewest(kind: GroupKind, now: number, newest: number, pageSize: number): Promise<{ key: string; page: number }[]> {
    return this.rows(
      `WITH placed AS (
         SELECT m.key, m.article_id, row_number() OVER (PARTITION BY m.key ORDER BY ${MEMBER_ORDER}) - 1 AS place
         FROM archive_group_members m WHERE m.kind = @kind AND ${MEMBER_PUBLISHED}),
       recent AS (SELECT a.id FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST} LIMIT @newest)
       SELECT DISTINCT key, (place / @pageSize + 1)::int AS page FROM placed WHERE article_id IN (SELECT id FROM recent) ORDER BY key, page`,
      { kind, now, newest: Number.isFinite(newest) ? newest : null, pageSize },
    );
  }

  sitemapArticles(now: number): Promise<{ slug: string; lastModified: string }[]> {
    return this.rows(
      `SELECT slug, last_modified AS "lastModified" FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST}`,
      {
        now,
      },
    );
  }

  async publishedBetween(since: number, now: number): Promise<ArticleCard[]> {
    return (
      await this.rows<CardRow>(
        `SELECT card FROM archive_articles a WHERE ${PUBLISHED} AND a.time >= @since AND NOT a.approximate ORDER BY ${NEWEST}`,
        { since, now },
      )
    ).map(toCard);
  }

  /** As the SQLite reader's `related`: candidates best bound first, read in batches until none can place. */
  async related(article: Article, now: number, limit: number, sectionNewest: number = limit + 2): Promise<RelationFacts[]> {
    const params = {
      related: article.related,
      series: article.series ? groupKey(article.series) : null,
      tags: article.tags.map(groupKey),
      section: article.section,
      sectionNewest,
      column: article.column ?? null,
      slug: article.slug,
      now,
      batch: RELATED_BATCH,
      offset: 0,
    };
    const factsOf = async (ids: number[]) =>
      new Map(
        (
          await this.rows<Omit<RelatedCandidateRow, "bound"> & { id: number }>(
            "SELECT id, slug, time, section, relation FROM archive_articles WHERE id = ANY(@ids::int[])",
            { ids },
          )
        ).map((row) => [row.id, row]),
      );

    // First the picks and the repeated-tag members, bounded by their own memberships (as the SQLite reader
    // does), then the newest candidates sharing everything; the aggregate below only when these do not settle.
    const ideal = relatedIdeal(article);
    if (ideal) {
      const special = `special (id) AS (
        SELECT a.id FROM archive_articles a WHERE a.slug = ANY(@related::text[]) AND ${PUBLISHED}
        UNION SELECT m.article_id FROM archive_group_members m
          WHERE m.kind = 'tag' AND m.key = ANY(@tags::text[]) AND m.multiplicity > 1 AND ${MEMBER_PUBLISHED})`;
      const [specialBounds, walk] = await Promise.all([
        this.rows<{ id: number; bound: number }>(
          `WITH ${special}, points (id, slug, section, points) AS (
             SELECT a.id, a.slug, a.section, 1000 FROM archive_articles a WHERE a.slug = ANY(@related::text[]) AND ${PUBLISHED}
             UNION ALL SELECT m.article_id, m.slug, m.section, CASE m.kind WHEN 'series' THEN 30 ELSE 10 * m.multiplicity END
               FROM special s JOIN archive_group_members m ON m.article_id = s.id AND m.kind IN ('series', 'tag')
               WHERE (m.kind = 'series' AND m.key = @series::text) OR (m.kind = 'tag' AND m.key = ANY(@tags::text[]))
             UNION ALL SELECT a.id, a.slug, a.section, 0 FROM special s JOIN archive_articles a ON a.id = s.id)
           SELECT id, (sum(points) + CASE WHEN max(section) = @section THEN 3 ELSE 0 END)::int AS bound FROM points
           WHERE slug IS DISTINCT FROM @column::text AND slug <> @slug GROUP BY id`,
          params,
        ),
        this.rows<{ id: number; bound: number }>(
          `WITH ${special}
           SELECT m.article_id AS id, @bound::int AS bound FROM archive_group_members m
           WHERE m.kind = @pivotKind AND m.key = @pivot AND ${MEMBER_PUBLISHED} AND m.section = @section
             AND (SELECT count(*) FROM archive_group_members o WHERE o.kind = 'tag' AND o.key = ANY(@others::text[])
                  AND o.article_id = m.article_id) = cardinality(@others::text[])
             AND (@series::text IS NULL OR EXISTS (SELECT 1 FROM archive_group_members o
                  WHERE o.kind = 'series' AND o.key = @series::text AND o.article_id = m.article_id))
             AND m.slug <> @slug AND m.slug IS DISTINCT FROM @column::text
             AND m.article_id NOT IN (SELECT id FROM special)
           ORDER BY ${MEMBER_ORDER} LIMIT @limit`,
          { ...params, ...ideal.walk, bound: ideal.bound, limit },
        ),
      ]);
      const offered = [...specialBounds.filter((row) => row.bound >= ideal.bound), ...walk];
      const facts = await factsOf(offered.map((row) => row.id));
      const rows = offered.map(({ id, bound }) => ({ ...facts.get(id)!, bound }));
      // Best bound first, then content order (newest, then by slug), as offer expects.
      rows.sort((a, b) => b.bound - a.bound || b.time - a.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      const ranking = new RelatedRanking(article, limit);
      for (const row of rows) if (!ranking.offer(row)) break;
      if (idealSettles(article, ranking, limit, ideal.bound)) return ranking.best;
    }

    const ranking = new RelatedRanking(article, limit);
    for (;;) {
      // Bounds from the memberships alone (each carries its article's draft, time, slug and section),
      // then the facts of this batch's candidates.
      const bounds = await this.rows<{ id: number; bound: number }>(
        `WITH points (id, time, slug, section, points) AS (
           SELECT a.id, a.time, a.slug, a.section, 1000 FROM archive_articles a WHERE a.slug = ANY(@related::text[]) AND ${PUBLISHED}
           UNION ALL SELECT m.article_id, m.time, m.slug, m.section, CASE m.kind WHEN 'series' THEN 30 ELSE 10 * m.multiplicity END
             FROM archive_group_members m
             WHERE ((m.kind = 'series' AND m.key = @series::text) OR (m.kind = 'tag' AND m.key = ANY(@tags::text[])))
               AND ${MEMBER_PUBLISHED}
           UNION ALL (SELECT m.article_id, m.time, m.slug, m.section, 0 FROM archive_group_members m
             WHERE m.kind = 'section' AND m.key = @section AND ${MEMBER_PUBLISHED} ORDER BY ${MEMBER_ORDER} LIMIT @sectionNewest))
         SELECT id, (sum(points) + CASE WHEN max(section) = @section THEN 3 ELSE 0 END)::int AS bound FROM points
         WHERE slug IS DISTINCT FROM @column::text AND slug <> @slug
         GROUP BY id ORDER BY bound DESC, max(time) DESC, max(slug) LIMIT @batch OFFSET @offset`,
        params,
      );
      const facts = await factsOf(bounds.map((b) => b.id));
      const rows = bounds.map(({ id, bound }) => ({ ...facts.get(id)!, bound }));
      for (const row of rows) if (!ranking.offer(row)) return ranking.best;
      if (rows.length < RELATED_BATCH) return ranking.best;
      params.offset += RELATED_BATCH;
    }
  }

  async aliasTarget(address: string, now: number): Promise<string | undefined> {
    const row = await this.row<{ slug: string }>(
      `SELECT a.slug FROM archive_aliases l JOIN archive_articles a ON a.id = l.article_id WHERE l.alias = @alias AND ${PUBLISHED}`,
      { alias: normalizeAlias(address), now },
    );
    return row?.slug;
  }

  async photo(hash: string): Promise<Photo | undefined> {
    const row = await this.row<{ photo: string }>("SELECT photo FROM archive_photos WHERE hash = @hash", { hash });
    return row && (JSON.parse(row.photo) as Photo);
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
        ...(await this.withTokenIndex(true, (client, second) =>
          this.countMatches([second ?? client, client], terms, plans, params, holds),
        )),
        hits: [],
      };
    const { directScoringMax = DIRECT_SCORING_MAX.postgres, walkBudget } = this.options;
    const direct = await this.withTokenIndex(false, async (client) => {
      // Counted without fields first: a common term's bodies are not read to learn that it is common.
      const [probe] = await this.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM archive_search_tokens s
           WHERE s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} LIMIT ${directScoringMax + 1}) c`,
        params,
        client,
      );
      if (probe!.n > directScoringMax) return undefined;
      return rankScored(await this.newestCandidates(client, params, directScoringMax, order, fields), place, score, before);
    });
    if (direct) return this.page(terms, display, { total: direct.matched }, direct.ranked.slice(offset), order, true);
    params.scoredAtMost = this.options.scoredAtMost ?? SCORED_AT_MOST;
    if (terms.length > LEVELLED_TERMS)
      return this.withTokenIndex(true, async (client, second) => {
        const [counts, hits] = await overlapped(
          !second,
          () => this.countMatches([second ?? client, client], terms, plans, params, holds),
          () => this.scoreAllMatches(client, terms, params),
        );
        const partial = counts.totalIsEstimate || counts.total > (params.scoredAtMost as number);
        return { terms, display, ...counts, ...(partial && { rankingIsPartial: true as const }), hits };
      });
    const { counts, walked } = await this.withTokenIndex(true, async (client, second) => {
      // The count and the walk need nothing of each other: on two connections they overlap.
      const counted = () => this.countMatches([second ?? client, client], terms, plans, params, holds);
      const states = searchStates(
        plans,
        async (match) =>
          (await this.rows("SELECT 1 FROM archive_search_tokens WHERE tokens @@ @match::tsquery LIMIT 1", { match }, client))
            .length > 0,
        TSQUERY,
      );
      const rows = this.stateRows.bind(this, client, now, place, order, fields);
      const walk = () =>
        walkStates(states, place, rows, score, before, walkBudget).then(async (result) => {
          if (result.complete) return result;
          // The budget ran out: the best of what the walk read and of the newest matches, scored.
          const newest = await this.newestCandidates(client, params, NEWEST_SCORED_WHEN_PARTIAL, order, fields);
          return {
            ranked: fillPartial(result.ranked, await scoreEach(newest, score), place, before),
            complete: false,
          };
        });
      // Both settle before either connection is given back, failed or not.
      const [counts, walked] = await overlapped(!second, counted, walk);
      return { counts, walked };
    });
    const total = walked.complete ? settledTotal(counts, walked.ranked.length, place) : counts;
    return this.page(terms, display, total, walked.ranked.slice(offset), order, walked.complete);
  }

  /**
   * A search sorted by date or filtered by period or section. Its candidates (tokens matching, in the period
   * and section) are counted through the index; a longer term's share of them that holds it is read off
   * the first VERIFIED_AT_MOST (the total is then an estimate when there are more). By date, the page is the
   * rows at its place, each checked to hold every term; by relevance the newest SCORED_AT_MOST holding
   * them are scored (more is marked rankingIsPartial).
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
      scoredAtMost: this.options.scoredAtMost ?? SCORED_AT_MOST,
    });
    const where = `s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} AND s.time >= @since AND s.time <= @until
      ${filter.section ? "AND s.article_id IN (SELECT a.id FROM archive_articles a WHERE a.section = @section)" : ""}`;
    const order = filter.sort === "oldest" ? "s.time, s.slug DESC" : "-s.time, s.slug";
    const limit = params.limit as number;
    const offset = params.offset as number;
    return this.withTokenIndex(false, async (client) => {
      const [{ candidates }] = (await this.rows<{ candidates: number }>(
        `SELECT count(*)::int AS candidates FROM archive_search_tokens s WHERE ${where}`,
        params,
        client,
      )) as [{ candidates: number }];
      let counts: SearchTotal = { total: candidates };
      if (holds && candidates > 0) {
        const [{ held, read }] = (await this.rows<{ held: number; read: number }>(
          `SELECT (count(*) FILTER (WHERE ${holds}))::int AS held, count(*)::int AS read
           FROM (SELECT s.article_id FROM archive_search_tokens s WHERE ${where} ORDER BY ${order} LIMIT @verified) d
           JOIN archive_search h ON h.article_id = d.article_id`,
          params,
          client,
        )) as [{ held: number; read: number }];
        counts =
          read === candidates
            ? { total: held }
            : { total: Math.max(held, roundEstimate((candidates * held) / read)), totalIsEstimate: true };
      }
      if (limit === 0 || (!counts.totalIsEstimate && offset >= counts.total)) return { terms, display, ...counts, hits: [] };
      const byRelevance = filter.sort === "relevance";
      const rows = await this.rows<{ id: number; time: number; slug: string } & SearchFields>(
        `SELECT s.article_id AS id, s.time, s.slug, h.title, h.tags, h.summary, h.body
         FROM archive_search_tokens s JOIN archive_search h ON h.article_id = s.article_id
         WHERE ${where} ${holds ? `AND ${holds}` : ""} ORDER BY ${order} LIMIT @wanted OFFSET @skipped`,
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
    const rows = await this.rows<{ id: number; time: number; slug: string } & SearchFields>(
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
        await this.rows<{ id: number } & ArticleRow>(
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
   * How many published articles hold every term: counted on the sample first (every SAMPLE_EVERY-th
   * article, its own GIN index), and where the sample holds ESTIMATE_FROM candidates or more, estimated
   * from it. Counting exactly visits every matching row: 17–33 ms for a word in 60,000–90,000 of 100,000
   * articles, the slowest part of such a search, where the sample takes 3–5 ms and is within ~1 %.
   */
  private async countMatches(
    clients: [pg.PoolClient, pg.PoolClient],
    terms: string[],
    plans: TermPlan[],
    params: Record<string, unknown>,
    holds: string,
  ): Promise<Pick<ArchiveSearchResult, "total" | "totalIsEstimate">> {
    const all = params.all as string;
    const sampled = (
      await this.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM archive_search_tokens s
         WHERE s.tokens @@ @all::tsquery AND ${SAMPLED_ROW} AND ${TOKENS_PUBLISHED}`,
        params,
        clients[0],
      )
    )[0]!.n;
    if (estimatesFrom(sampled, this.options.estimateFrom)) {
      // A longer term's candidates hold its grams: the share of them holding the term is read off about
      // VERIFIED_AT_MOST of the sample's, every so many of them by id, so from every year of the archive.
      const every = SAMPLE_EVERY * Math.max(1, Math.floor(sampled / VERIFIED_AT_MOST));
      const share = holds
        ? await this.countHolding(clients[0], params, all, holds, `AND ${SAMPLED_ROW} AND s.article_id % ${every} = 0`)
        : undefined;
      const inSample = share && share.read < sampled ? (sampled * share.held) / share.read : (share?.held ?? sampled);
      return totalFromSample(inSample);
    }
    const whole = await this.countIn(clients, terms, plans, params, holds);
    if (!whole.estimated) return { total: whole.total };
    // Never below what was read to hold the term nor above the candidates: three holders among 600
    // candidates must not read as 약 0건.
    return { total: Math.min(whole.candidates, Math.max(whole.known, roundEstimate(whole.total))), totalIsEstimate: true };
  }

  /**
   * How many published articles hold every term, and how many the index
   * gives as candidates. Tokens decide for terms of up to three characters. An article holds a longer term
   * for certain when one of its words contains it (the words table finds those words by trigrams); only
   * the articles holding its grams but none of those words have their fields read, so a common word costs
   * two index scans, not a pass over every body. The two counts run on the two connections given (the
   * first is free; the second is the walk's, which they share). Where more than VERIFIED_AT_MOST articles
   * would have their fields read (a common term written across words, 클러스터사업 for 클러스터 사업),
   * that many are read and the total is estimated from them (`estimated`; `known` is what was read to hold it).
   */
  private async countIn(
    [client, other]: [pg.PoolClient, pg.PoolClient],
    terms: string[],
    plans: TermPlan[],
    params: Record<string, unknown>,
    holds: string,
  ): Promise<{ total: number; candidates: number; known: number; estimated: boolean }> {
    const count = async (match: string, on = client) =>
      (
        await this.rows<{ n: number }>(
          `SELECT count(*)::int AS n FROM archive_search_tokens s WHERE s.tokens @@ @match::tsquery AND ${TOKENS_PUBLISHED}`,
          { ...params, match },
          on,
        )
      )[0]!.n;
    const all = params.all as string;
    if (!holds) {
      const total = await count(all);
      return { total, candidates: total, known: total, estimated: false };
    }
    const longer = plans.map((plan) => !plan.anywhereExact);
    // One after another: one connection runs one query at a time.
    const wordSets: string[][] = [];
    for (const term of terms.filter((_, i) => longer[i]))
      wordSets.push(
        (
          await this.rows<{ word: string }>(
            "SELECT word FROM archive_search_words WHERE word LIKE @pattern LIMIT @limit",
            { pattern: `%${term.replace(/[\\%_]/g, "\\$&")}%`, limit: MAX_CONTAINING_WORDS + 1 },
            client,
          )
        ).map((row) => row.word),
      );
    const { and, or, not, token } = TSQUERY;
    // Too many words, or none: the term's certainty cannot be put to the index, so every candidate is doubtful.
    const certainty = wordSets.every((words) => words.length && words.length <= MAX_CONTAINING_WORDS);
    const words = certainty ? wordSets.map((set) => or(set.map((word) => token(word + WORD_MARK)))) : [];
    // A word holding a term holds its grams: the other terms' tokens and the words say it all. Only the
    // articles holding the grams and none of those words have their fields read; usually there are none,
    // which the count of articles holding the grams tells.
    const [certain, candidates] = await overlapped(
      other === client,
      () =>
        certainty
          ? count(and([...plans.filter((_, i) => !longer[i]).map((plan) => plan.anywhere), ...words]))
          : Promise.resolve(0),
      () => count(all, other),
    );
    if (certain === candidates) return { total: certain, candidates, known: certain, estimated: false };
    const doubtful = await this.countHolding(client, params, certainty ? not(all, and(words)) : all, holds);
    const known = certain + doubtful.held;
    if (doubtful.read === 0 || doubtful.read === candidates - certain)
      return { total: known, candidates, known, estimated: false };
    return { total: certain + ((candidates - certain) * doubtful.held) / doubtful.read, candidates, known, estimated: true };
  }

  /**
   * Of the published articles matching `match`, how many `holds` (SQL over their fields) keeps, reading
   * at most VERIFIED_AT_MOST of them, the first in the table's order (TOKENS_PUBLISHED says why not the
   * newest-first index's).
   */
  private async countHolding(
    client: pg.PoolClient,
    params: Record<string, unknown>,
    match: string,
    holds: string,
    scope = "",
  ): Promise<{ held: number; read: number }> {
    const [row] = await this.rows<{ held: number; read: number }>(
      `SELECT (count(*) FILTER (WHERE ${holds}))::int AS held, count(*)::int AS read
       FROM (SELECT s.article_id FROM archive_search_tokens s
         WHERE s.tokens @@ @match::tsquery ${scope} AND ${TOKENS_PUBLISHED} LIMIT @verified) d
       JOIN archive_search h ON h.article_id = d.article_id`,
      { ...params, match, verified: VERIFIED_AT_MOST },
      client,
    );
    return row!;
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
      const batch = await this.rows<{ id: number; time: number; slug: string } & Partial<SearchFields>>(
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

  /**
   * The page's hits of a query of more terms than the walk takes, by scoring the newest SCORED_AT_MOST
   * matches: each match's field weights come from its short fields; a body adds at most five points per
   * term, so a match whose weights fall more than that short of the page's last place by weights alone
   * cannot reach the page, and only the bodies of the rest are read to count occurrences.
   */
  private async scoreAllMatches(
    client: pg.PoolClient,
    terms: string[],
    params: Record<string, unknown>,
  ): Promise<ArchiveSearchHit[]> {
    // Per term, the weight of the first field holding it. A term of one or two characters that the tokens
    // match is in the body if in no short field; a longer term's grams can be apart, so the body is
    // searched for it, and a row holding it nowhere gets NULL.
    const weight = fieldWeightSql(terms, "postgres", (term) => [...term].length <= 2);
    const repeats = repeatSql(terms.length, "postgres");
    const rows = await this.rows<{ card: string; plain_text: string; time: number; score: number }>(
      `WITH m AS MATERIALIZED (
         SELECT * FROM (SELECT c.id, c.time, c.slug, ${weight} AS weight
           FROM (SELECT s.article_id AS id, s.time, s.slug FROM archive_search_tokens s
             WHERE s.tokens @@ @all::tsquery AND ${TOKENS_PUBLISHED} ORDER BY -s.time, s.slug LIMIT @scoredAtMost) c
           JOIN archive_search h ON h.article_id = c.id) w
         WHERE weight IS NOT NULL),
       last_place AS (SELECT weight FROM m ORDER BY weight DESC LIMIT 1 OFFSET @place - 1)
       SELECT a.card, a.plain_text, m.time, (m.weight + ${repeats})::int AS score
       FROM m JOIN archive_search b ON b.article_id = m.id JOIN archive_articles a ON a.id = m.id
       WHERE m.weight + @bonus >= coalesce((SELECT weight FROM last_place), 0)
       ORDER BY score DESC, m.time DESC, m.slug LIMIT @limit OFFSET @offset`,
      params,
      client,
    );
    return rows.map((hit) => ({ article: toCard(hit), plainText: hit.plain_text, score: hit.score, time: hit.time }));
  }
}

/**
 * `a` and `b` at once on two connections, one after the other when they `share` one: a connection runs one
 * query at a time, and a query sent to a busy one is queued by pg 8 with a deprecation warning and
 * refused by pg 9.
 */
async function overlapped<A, B>(share: boolean, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (!share) return settled(a(), b());
  const first = await a();
  return [first, await b()];
}

/** Both values, once both promises have settled; the first failure, if any, once both have. */
async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === "rejected") throw x.reason;
  if (y.status === "rejected") throw y.reason;
  return [x.value, y.value];
}

/** The newest articles a state's first batch tests before it reads the state's whole bitmap (stateRows). */
const PROBED_NEWEST = 100;
/** Pages of rows an inexact state's first batch holds (PostgresArchiveReader.stateRows). */
const INEXACT_FIRST_BATCH = 5;
/**
 * Articles whose fields one search reads at most to count a longer term's doubtful matches: 1,000 took
 * ~45 ms at 100,000 articles (reading the bodies), all 76,000 of 클러스터사업 765 ms. An estimate from 500
 * is within ±4.5 % of the doubtful share (two standard errors at worst).
 */
const VERIFIED_AT_MOST = 500;
/**
 * The sample (lib/archive/estimate.ts) as the partial index's predicate, which a query must repeat (of
 * its row s) to use it.
 */
const SAMPLED = `article_id % ${SAMPLE_EVERY} = 0`;
const SAMPLED_ROW = `s.${SAMPLED}`;

/** Words containing a term that one count's query names at most (a tsquery of that many alternatives). */
const MAX_CONTAINING_WORDS = 2000;

/** Candidates 관련기사 ranking reads per query: most articles place within the first. */
const RELATED_BATCH = 200;

function toGroup<T>(row: { key: string; name: string; value: string | null; count: number }): GroupSummary<T> {
  return { key: row.key, name: row.name, value: (row.value === null ? row.name : JSON.parse(row.value)) as T, count: row.count };
}

export type SyncResult = { synced: boolean; added: number; changed: number; removed: number; unchanged: number; reason?: string };

type BuildMark = { id: string; writtenAt: number };

/** The share of articles a sync must write or remove for it to analyze the tables (autovacuum's default). */
const REANALYZE_SHARE = 0.1;

/** Rows written per INSERT: json_populate_recordset turns one JSON array into many rows. */
const SYNC_BATCH = 500;

/**
 * Makes the PostgreSQL read model (tables in the pool's search_path) what the build's SQLite read model
 * `source` holds, touching only articles whose digest differs, in one transaction under an advisory lock:
 * a second process starting at the same time waits, then finds the build synced and does nothing. A
 * build older than the one synced (an old instance restarting mid-deploy) leaves it alone.
 */
export async function syncReadModel(pool: pg.Pool, source: Database.Database): Promise<SyncResult> {
  const sourceMeta = (key: string) =>
    (source.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
  const build = JSON.parse(sourceMeta("build") ?? "null") as BuildMark | null;
  if (sourceMeta("version") !== String(READ_MODEL_VERSION) || !build)
    throw new Error("The build's read model was written by other code: run npm run build.");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('portal:archive-sync'))");
    const exists = (await client.query("SELECT to_regclass('archive_meta') IS NOT NULL AS exists")).rows[0].exists as boolean;
    const version = exists
      ? ((await client.query("SELECT value FROM archive_meta WHERE key = 'schema'")).rows[0]?.value as string | undefined)
      : undefined;
    if (version !== PG_SCHEMA_VERSION) {
      await client.query(`DROP TABLE IF EXISTS ${TABLES.join(", ")} CASCADE`);
      const trgm = await trgmSchema(client);
      await client.query(SCHEMA.replaceAll("@trgm.", `${trgm}.`).replaceAll("@sampled", SAMPLED));
      await client.query("INSERT INTO archive_meta (key, value) VALUES ('schema', $1)", [PG_SCHEMA_VERSION]);
    }
    const synced = (await client.query("SELECT value FROM archive_meta WHERE key = 'build'")).rows[0]?.value as
      string | undefined;
    const current = synced ? (JSON.parse(synced) as BuildMark) : undefined;
    const wanted = source.prepare("SELECT slug, hash FROM articles").all() as { slug: string; hash: string }[];
    if (current?.id === build.id || (current && current.writtenAt > build.writtenAt)) {
      await client.query("COMMIT");
      const reason = current.id === build.id ? "this build is synced" : "a newer build is synced";
      return { synced: false, added: 0, changed: 0, removed: 0, unchanged: wanted.length, reason };
    }

    const have = new Map(
      ((await client.query("SELECT slug, hash FROM archive_articles")).rows as { slug: string; hash: string }[]).map((r) => [
        r.slug,
        r.hash,
      ]),
    );
    const wantedSlugs = new Set(wanted.map((w) => w.slug));
    const gone = [...have.keys()].filter((slug) => !wantedSlugs.has(slug));
    const changed = wanted.filter((w) => have.has(w.slug) && have.get(w.slug) !== w.hash).map((w) => w.slug);
    const added = wanted.filter((w) => !have.has(w.slug)).map((w) => w.slug);
    // A changed article is removed and written again: its memberships, aliases and search row go with it.
    await client.query("DELETE FROM archive_articles WHERE slug = ANY($1::text[])", [[...gone, ...changed]]);

    const write = [...changed, ...added];
    // The first sync into an empty database builds the gram indexes once at the end rather than row by row,
    // each as SCHEMA defines it (read back from the catalogue). Only then: dropping an index locks the
    // table, and a later sync has readers (the previous build's instances) that must go on searching the
    // old rows until this transaction commits.
    const bulk = have.size === 0 && write.length > 1000;
    const ginIndexes = bulk
      ? (
          await client.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename = 'archive_search_tokens' AND indexdef LIKE '% USING gin %'`,
          )
        ).rows
      : [];
    for (const { name } of ginIndexes) await client.query(`DROP INDEX ${name}`);
    const read = source.prepare(
      `SELECT a.slug, a.hash, t.card, t.html, t.plain_text FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.slug = ?`,
    );
    const aliasesOf = source.prepare("SELECT l.alias FROM aliases l JOIN articles a ON a.id = l.article_id WHERE a.slug = ?");
    for (let i = 0; i < write.length; i += SYNC_BATCH) {
      const rows = write.slice(i, i + SYNC_BATCH).map((slug) => {
        const row = read.get(slug) as { slug: string; hash: string } & ArticleRow;
        return { row, article: toArticle(row), aliases: (aliasesOf.all(slug) as { alias: string }[]).map((a) => a.alias) };
      });
      await insertArticles(client, rows);
    }
    for (const { definition } of ginIndexes) await client.query(definition);

    await client.query("DELETE FROM archive_photos");
    const photos = source.prepare("SELECT hash, photo FROM photos").all() as { hash: string; photo: string }[];
    for (let i = 0; i < photos.length; i += SYNC_BATCH)
      await client.query("INSERT INTO archive_photos SELECT * FROM json_populate_recordset(null::archive_photos, $1)", [
        JSON.stringify(photos.slice(i, i + SYNC_BATCH)),
      ]);
    for (const key of ["publisher", "banners", "vocabulary", "abbreviations"])
      await client.query(
        "INSERT INTO archive_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, sourceMeta(key)],
      );
    await client.query(
      "INSERT INTO archive_meta (key, value) VALUES ('build', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [JSON.stringify(build)],
    );
    await client.query("COMMIT");
    // VACUUM keeps the visibility map that index-only scans read (0.2 s at 100,000 articles). ANALYZE
    // reads a sample of every table, the tokens' tsvectors included (15 s at 100,000, most of a start
    // that syncs one article): it runs when much has changed, and autovacuum's own analyze covers the rest.
    if (write.length || gone.length) {
      const analyze = bulk || write.length + gone.length > wanted.length * REANALYZE_SHARE ? "ANALYZE" : "";
      await client.query(`VACUUM ${analyze} archive_articles, archive_group_members, archive_search, archive_search_tokens`);
    }
    return {
      synced: true,
      added: added.length,
      changed: changed.length,
      removed: gone.length,
      unchanged: wanted.length - write.length,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The schema every read model's word index takes pg_trgm's operator classes from. */
const EXTENSION_SCHEMA = "extensions";

/**
 * Makes sure pg_trgm (contrib: it indexes the words) is installed, and says in which schema. Left to
 * itself, CREATE EXTENSION installs into the first schema of the search_path, which is the read model's
 * own when it has one: dropping that schema (CASCADE) would then drop the extension and, with it, the
 * word index of every other read model in the database. So it is installed into a schema of its own, and
 * one an earlier version installed into the read model's schema is moved there.
 */
async function trgmSchema(client: pg.PoolClient): Promise<string> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${EXTENSION_SCHEMA}`);
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ${EXTENSION_SCHEMA}`);
  const where = async () =>
    (
      await client.query<{ schema: string; current: string }>(
        "SELECT extnamespace::regnamespace::text AS schema, current_schema() AS current FROM pg_extension WHERE extname = 'pg_trgm'",
      )
    ).rows[0]!;
  const found = await where();
  if (found.schema !== found.current || found.schema === "public") return found.schema;
  await client.query(`ALTER EXTENSION pg_trgm SET SCHEMA ${EXTENSION_SCHEMA}`);
  return (await where()).schema;
}

/** Writes articles (new ids) with their memberships, aliases and search rows. */
async function insertArticles(
  client: pg.PoolClient,
  rows: { row: { slug: string; hash: string } & ArticleRow; article: Article; aliases: string[] }[],
): Promise<void> {
  const articles = rows.map(({ row, article }) => ({
    slug: row.slug,
    hash: row.hash,
    time: Date.parse(article.date),
    draft: article.draft ?? false,
    section: article.section,
    column_slug: article.column ?? null,
    approximate: article.dateApproximate ?? false,
    last_modified: article.lastModified,
    relation: JSON.stringify({ tags: article.tags, series: article.series ?? null }),
    card: row.card,
    html: row.html,
    plain_text: row.plain_text,
  }));
  const ids = new Map(
    (
      await client.query(
        `INSERT INTO archive_articles (slug, hash, time, draft, section, column_slug, approximate, last_modified, relation, card, html, plain_text)
         SELECT slug, hash, time, draft, section, column_slug, approximate, last_modified, relation, card, html, plain_text
         FROM json_populate_recordset(null::archive_articles, $1) RETURNING id, slug`,
        [JSON.stringify(articles)],
      )
    ).rows.map((r: { id: number; slug: string }) => [r.slug, r.id]),
  );
  const members: object[] = [];
  const aliases: object[] = [];
  const search: object[] = [];
  const tokens: object[] = [];
  const vocabulary = new Set<string>();
  for (const { article, aliases: addresses } of rows) {
    const id = ids.get(article.slug)!;
    const time = Date.parse(article.date);
    const draft = article.draft ?? false;
    // One row per key; the first entry names it, and each further entry with that key counts (관련기사).
    const byKey = new Map<string, { kind: GroupKind; key: string; name: string; value: string | null; multiplicity: number }>();
    for (const entry of groupEntriesOf(article)) {
      const existing = byKey.get(`${entry.kind}\u0000${entry.key}`);
      if (existing) existing.multiplicity++;
      else byKey.set(`${entry.kind}\u0000${entry.key}`, { ...entry, multiplicity: 1 });
    }
    for (const entry of byKey.values()) {
      const series = entry.kind === "series";
      members.push({
        ...entry,
        article_id: id,
        rank1: series ? (article.seriesNo ?? 0) : 0,
        rank2: series ? time : -time,
        slug: article.slug,
        time,
        draft,
        section: article.section,
      });
    }
    for (const alias of addresses) aliases.push({ alias, article_id: id });
    const fields = searchFields(article);
    search.push({ article_id: id, title: fields.title, tags: fields.tags, summary: fields.summary, body: fields.body });
    for (const word of searchWords(article)) vocabulary.add(word);
    tokens.push({ article_id: id, time, draft, slug: article.slug, tokens: postgresTokens(article, fields) });
  }
  await client.query("INSERT INTO archive_group_members SELECT * FROM json_populate_recordset(null::archive_group_members, $1)", [
    JSON.stringify(members),
  ]);
  // An old address two articles claim goes to the first, as in SQLite (INSERT OR IGNORE).
  await client.query(
    "INSERT INTO archive_aliases SELECT * FROM json_populate_recordset(null::archive_aliases, $1) ON CONFLICT (alias) DO NOTHING",
    [JSON.stringify(aliases)],
  );
  await client.query("INSERT INTO archive_search SELECT * FROM json_populate_recordset(null::archive_search, $1)", [
    JSON.stringify(search),
  ]);
  await client.query(
    `INSERT INTO archive_search_tokens SELECT article_id, time, draft, slug, array_to_tsvector(tokens)
     FROM json_to_recordset($1) AS t(article_id integer, time bigint, draft boolean, slug text, tokens text[])`,
    [JSON.stringify(tokens)],
  );
  // Words stay when their articles go: a word no article holds only widens a query by a token nothing has.
  await client.query("INSERT INTO archive_search_words SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [[...vocabulary]]);
}

/** A pool for the read model: a few connections, as pages ask one short query at a time. */
export function readModelPool(url: string, schema?: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 8, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
}
