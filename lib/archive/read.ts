// Queries over the read model (lib/archive/write.ts): each page asks for the rows it shows, so no process
// holds the archive. Every query takes the instant that decides what is published. Two engines answer the
// same questions (ArchiveReader): the build's SQLite file (below) and PostgreSQL (lib/archive/postgres.ts).
import Database from "better-sqlite3";
import type { Article, ArticleCard, Banner, Publisher } from "@/lib/content/schema";
import type { SectionSlug } from "@/lib/site";
import type { Photo } from "@/lib/images/photos";
import { rankRelated, RELATED_WEIGHTS, relatedScore } from "@/lib/related";
import { maxRepeatPoints, scoreFields, type SearchFields } from "@/lib/search/ranking";
import {
  matchAll,
  searchStates,
  termPlan,
  walkStates,
  type RankedId,
  type SearchState,
  type TermPlan,
} from "@/lib/archive/search-levels";
import {
  DIRECT_SCORING_MAX,
  fillPartial,
  NEWEST_SCORED_WHEN_PARTIAL,
  rankScored,
  ROWS_A_STEP,
  scoreEach,
  SCORED_AT_MOST,
  WALK_BUDGET,
  type SearchTuning,
} from "@/lib/archive/search-budget";
import { parseQuery } from "@/lib/search/normalize";
import { isFiltered, type SearchFilter } from "@/lib/search/filters";
import { yieldToReaders, yieldWithinRender } from "@/lib/yield-to-readers";
import { estimatesFrom, roundEstimate, settledTotal, totalFromSample, type SearchTotal } from "@/lib/archive/estimate";
import { nameKey as groupKey, normalizeAlias } from "@/lib/urls";
import { byBound, MemberListCache, mergeByBound, type BoundedId, type WeightedIds } from "@/lib/archive/related-lists";
import { READ_MODEL_VERSION, writeReadModel, type GroupKind, type PickKey } from "@/lib/archive/write";

export type { ArticleCard };

/** A section, tag, series or author with at least one published article. */
export type GroupSummary<T = unknown> = { key: string; name: string; value: T; count: number };

/** What 관련기사 ranking reads of a candidate (lib/related.ts). */
export type RelationFacts = Pick<Article, "slug" | "date" | "section" | "tags" | "series">;

export type ArchiveSearchHit = { article: ArticleCard; plainText: string; score: number; time: number };
/**
 * A page of search results. `totalIsEstimate`: the total was estimated from a sample (a common query, on
 * either engine: lib/archive/estimate.ts; in PostgreSQL also a longer term's doubtful matches,
 * VERIFIED_AT_MOST in postgres.ts); readers see it as "약 N건".
 */
export type ArchiveSearchResult = {
  terms: string[];
  display: string;
  total: number;
  totalIsEstimate?: true;
  /**
   * The search's budget (lib/archive/search-budget.ts) ran out before every match could be weighed: the
   * hits are the best of those read (the best states' and the newest), and readers are told so.
   */
  rankingIsPartial?: true;
  hits: ArchiveSearchHit[];
};

/**
 * Published at @now. The unary plus keeps SQLite from choosing an index on these columns: almost every
 * article is published, so walking newest first (by id) and skipping the few others is what is fast.
 */
const PUBLISHED = "+a.draft = 0 AND +a.time <= @now";
/** The same of a group member, from the member's own copy of draft and time. */
const MEMBER_PUBLISHED = "m.draft = 0 AND m.time <= @now";

/** What pages ask of the archive. Every answer is the same on both engines (tests/unit/read-model.test.ts). */
export interface ArchiveReader {
  readonly engine: "sqlite" | "postgres";
  /** Resolves once the archive can answer (PostgreSQL: synced with this build); rejects if it cannot. */
  ready(): Promise<void>;
  publisher(): Promise<Publisher>;
  banners(): Promise<Banner[]>;
  article(slug: string, now: number): Promise<Article | undefined>;
  exists(slug: string, now: number): Promise<boolean>;
  newest(now: number, limit: number, offset?: number): Promise<ArticleCard[]>;
  newestWhole(now: number, limit: number, group?: { kind: GroupKind; key: string }): Promise<Article[]>;
  cardsBySlug(slugs: string[], now: number): Promise<ArticleCard[]>;
  groups<T = unknown>(kind: GroupKind, now: number): Promise<GroupSummary<T>[]>;
  hasPublished(kind: GroupKind, key: string, now: number): Promise<boolean>;
  group<T = unknown>(kind: GroupKind, key: string, now: number): Promise<GroupSummary<T> | undefined>;
  members(kind: GroupKind, key: string, now: number, limit: number, offset?: number): Promise<ArticleCard[]>;
  picks(key: PickKey, now: number, limit: number): Promise<ArticleCard[]>;
  groupsLastModified(kind: GroupKind, now: number): Promise<Map<string, string>>;
  pagesHoldingNewest(kind: GroupKind, now: number, newest: number, pageSize: number): Promise<{ key: string; page: number }[]>;
  sitemapArticles(now: number): Promise<{ slug: string; lastModified: string }[]>;
  publishedBetween(since: number, now: number): Promise<ArticleCard[]>;
  related(article: Article, now: number, limit: number, sectionNewest?: number): Promise<RelationFacts[]>;
  aliasTarget(address: string, now: number): Promise<string | undefined>;
  photo(hash: string): Promise<Photo | undefined>;
  /**
   * Articles matching every term of `raw`, ranked (lib/search/index.ts), or as `filter` sorts and narrows
   * them (lib/search/filters.ts); a `limit` of 0 only counts them.
   */
  search(raw: string, now: number, offset?: number, limit?: number, filter?: SearchFilter): Promise<ArchiveSearchResult>;
  /** The archive's words as the build stored them (lib/search/vocabulary.ts). */
  vocabulary(): Promise<string>;
  /** Headline abbreviations and their words (content/search-abbreviations.yaml), as the build stored them. */
  abbreviations(): Promise<Record<string, string>>;
}

type CardRow = { card: string };
type ArticleRow = { card: string; html: string; plain_text: string };

const toCard = (row: CardRow): ArticleCard => JSON.parse(row.card) as ArticleCard;

/** The read model of one build in its SQLite file, opened read-only. */
export class SqliteArchiveReader implements ArchiveReader {
  readonly engine = "sqlite";
  private readonly statements = new Map<string, Database.Statement>();
  /** 관련기사's member lists: at most a million ids (8 MB). */
  private readonly memberLists = new MemberListCache(1_000_000);
  private readonly groupSummaries = new Map<string, GroupSummary | undefined>();
  /** stepBounds, once read: the read model does not change under a reader. */
  private steps: { coarse: number[]; fine: number[] } | undefined;

  /** `options`: other search settings than the defaults, for tests and benchmarks (SearchTuning). */
  constructor(
    readonly db: Database.Database,
    readonly options: SearchTuning = {},
  ) {
    const version = (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value;
    if (version !== String(READ_MODEL_VERSION))
      throw new Error(
        `The read model was written by other code (version ${version}, expected ${READ_MODEL_VERSION}): run npm run build.`,
      );
  }

  /**
   * Ready at once; reads the walk's step bounds now, at start, rather than in the first search that walks
   * (every id in order: 240 ms in one call at 100,000 articles, which stalled every request beside it).
   */
  async ready(): Promise<void> {
    this.stepBounds();
  }

  /** Prepared once per text: a page asks the same few questions many times. */
  private query(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private meta<T>(key: string): T {
    return JSON.parse((this.query("SELECT value FROM meta WHERE key = ?").get(key) as { value: string }).value) as T;
  }

  async publisher(): Promise<Publisher> {
    return this.meta<Publisher>("publisher");
  }

  async banners(): Promise<Banner[]> {
    return this.meta<Banner[]>("banners");
  }

  async vocabulary(): Promise<string> {
    return this.meta<string>("vocabulary");
  }

  async abbreviations(): Promise<Record<string, string>> {
    return this.meta<Record<string, string>>("abbreviations");
  }

  /** A published article, whole. */
  async article(slug: string, now: number): Promise<Article | undefined> {
    const row = this.query(
      `SELECT t.card, t.html, t.plain_text FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.slug = @slug AND ${PUBLISHED}`,
    ).get({
      slug,
      now,
    }) as ArticleRow | undefined;
    return row && { ...toCard(row), html: row.html, plainText: row.plain_text };
  }

  async exists(slug: string, now: number): Promise<boolean> {
    return this.query(`SELECT 1 FROM articles a WHERE slug = @slug AND ${PUBLISHED}`).get({ slug, now }) !== undefined;
  }

  /** Published articles, newest first. */
  async newest(now: number, limit: number, offset = 0): Promise<ArticleCard[]> {
    return (
      this.query(
        `SELECT t.card FROM articles a JOIN article_texts t ON t.id = a.id WHERE ${PUBLISHED} ORDER BY a.id LIMIT @limit OFFSET @offset`,
      ).all({
        now,
        limit,
        offset,
      }) as CardRow[]
    ).map(toCard);
  }

  /** Published articles, newest first, whole (feeds carry the full text). */
  async newestWhole(now: number, limit: number, group?: { kind: GroupKind; key: string }): Promise<Article[]> {
    const rows = (
      group
        ? this.query(
            `SELECT t.card, t.html, t.plain_text FROM group_members m JOIN article_texts t ON t.id = m.article_id
             WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY m.ord LIMIT @limit`,
          ).all({ ...group, now, limit })
        : this.query(
            `SELECT t.card, t.html, t.plain_text FROM articles a JOIN article_texts t ON t.id = a.id WHERE ${PUBLISHED} ORDER BY a.id LIMIT @limit`,
          ).all({
            now,
            limit,
          })
    ) as ArticleRow[];
    return rows.map((row) => ({ ...toCard(row), html: row.html, plainText: row.plain_text }));
  }

  /** Published articles by slug, in the order asked, unknown or unpublished ones left out. */
  async cardsBySlug(slugs: string[], now: number): Promise<ArticleCard[]> {
    const found = new Map<string, ArticleCard>();
    for (const slug of new Set(slugs)) {
      const row = this.query(
        `SELECT t.card FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.slug = @slug AND ${PUBLISHED}`,
      ).get({ slug, now }) as CardRow | undefined;
      if (row) found.set(slug, toCard(row));
    }
    return slugs.flatMap((slug) => found.get(slug) ?? []);
  }

  /** The groups of `kind` with published articles, in the order their newest article first appears. */
  async groups<T = unknown>(kind: GroupKind, now: number): Promise<GroupSummary<T>[]> {
    // SQLite fills bare columns from the row holding the MIN(): the name as the newest article writes it.
    const rows = this.query(
      `SELECT m.key, m.name, m.value, MIN(m.article_id) AS first, COUNT(*) AS count
       FROM group_members m WHERE m.kind = @kind AND ${MEMBER_PUBLISHED} GROUP BY m.key ORDER BY first`,
    ).all({ kind, now }) as { key: string; name: string; value: string | null; count: number }[];
    return rows.map((row) => ({
      key: row.key,
      name: row.name,
      value: (row.value === null ? row.name : JSON.parse(row.value)) as T,
      count: row.count,
    }));
  }

  /** Whether the group has a published article (cheaper than counting: the header's section links). */
  async hasPublished(kind: GroupKind, key: string, now: number): Promise<boolean> {
    return (
      this.query(`SELECT 1 FROM group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} LIMIT 1`).get({
        kind,
        key,
        now,
      }) !== undefined
    );
  }

  /** One group, or undefined when none of its articles is published. */
  async group<T = unknown>(kind: GroupKind, key: string, now: number): Promise<GroupSummary<T> | undefined> {
    // Kept: every listing page of a group counts its members (a popular tag's 16,600 at 100,000 articles,
    // 1.4 ms), and a build renders hundreds of pages of a few dozen groups.
    const id = `${now}\0${kind}\0${key}`;
    if (this.groupSummaries.has(id)) return this.groupSummaries.get(id) as GroupSummary<T> | undefined;
    const summary = this.countGroup<T>(kind, key, now);
    if (this.groupSummaries.size >= GROUP_SUMMARIES_KEPT) this.groupSummaries.delete(this.groupSummaries.keys().next().value!);
    this.groupSummaries.set(id, summary);
    return summary;
  }

  private countGroup<T>(kind: GroupKind, key: string, now: number): GroupSummary<T> | undefined {
    const row = this.query(
      `SELECT m.key, m.name, m.value, MIN(m.article_id) AS first, COUNT(*) AS count
       FROM group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED}`,
    ).get({ kind, key, now }) as { key: string | null; name: string; value: string | null; count: number };
    if (!row.count || row.key === null) return undefined;
    return {
      key: row.key,
      name: row.name,
      value: (row.value === null ? row.name : JSON.parse(row.value)) as T,
      count: row.count,
    };
  }

  /** Published members of a group in its order (a series by part, the rest newest first). */
  async members(kind: GroupKind, key: string, now: number, limit: number, offset = 0): Promise<ArticleCard[]> {
    return (
      this.query(
        // The page's members first, from the index alone; then the texts of those rows only.
        `SELECT t.card FROM (SELECT m.article_id, m.ord FROM group_members m
           WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY m.ord LIMIT @limit OFFSET @offset) p
         JOIN article_texts t ON t.id = p.article_id ORDER BY p.ord`,
      ).all({ kind, key, now, limit, offset }) as CardRow[]
    ).map(toCard);
  }

  async picks(key: PickKey, now: number, limit: number): Promise<ArticleCard[]> {
    return this.members("pick", key, now, limit);
  }

  /** The newest lastModified of each group of `kind` (sitemaps). */
  async groupsLastModified(kind: GroupKind, now: number): Promise<Map<string, string>> {
    // Each member carries its article's last change: a walk along the primary key, no join.
    const rows = this.query(
      `SELECT m.key, MAX(m.last_modified) AS last_modified FROM group_members m
       WHERE m.kind = @kind AND ${MEMBER_PUBLISHED} GROUP BY m.key`,
    ).all({ kind, now }) as { key: string; last_modified: string }[];
    return new Map(rows.map((row) => [row.key, row.last_modified]));
  }

  /**
   * Pages (1-based) of each group of `kind` that hold one of the newest `newest` published articles: the
   * listing pages the build prerenders.
   */
  async pagesHoldingNewest(
    kind: GroupKind,
    now: number,
    newest: number,
    pageSize: number,
  ): Promise<{ key: string; page: number }[]> {
    if (kind !== "series") {
      // A member's place is its id order here, so the newest articles are each group's first members: the
      // pages holding them are those of the members up to the newest-th article's id. One count per group.
      if (newest < 1) return [];
      const rows = this.query(
        `SELECT m.key, COUNT(*) AS recent FROM group_members m
         WHERE m.kind = @kind AND ${MEMBER_PUBLISHED} AND m.ord <= COALESCE(
           (SELECT a.id FROM articles a WHERE ${PUBLISHED} ORDER BY a.id LIMIT 1 OFFSET @last), ${Number.MAX_SAFE_INTEGER})
         GROUP BY m.key ORDER BY m.key`,
      ).all({ kind, now, last: Number.isFinite(newest) ? newest - 1 : Number.MAX_SAFE_INTEGER }) as {
        key: string;
        recent: number;
      }[];
      return rows.flatMap(({ key, recent }) =>
        Array.from({ length: Math.ceil(recent / pageSize) }, (_, i) => ({ key, page: i + 1 })),
      );
    }
    return this.query(
      `WITH placed AS (
         SELECT m.key, m.article_id, ROW_NUMBER() OVER (PARTITION BY m.key ORDER BY m.ord) - 1 AS place
         FROM group_members m WHERE m.kind = @kind AND ${MEMBER_PUBLISHED}),
       recent AS (SELECT a.id FROM articles a WHERE ${PUBLISHED} ORDER BY a.id LIMIT @newest)
       SELECT DISTINCT key, place / CAST(@pageSize AS INTEGER) + 1 AS page FROM placed WHERE article_id IN recent ORDER BY key, page`,
    ).all({ kind, now, newest: Number.isFinite(newest) ? newest : -1, pageSize }) as { key: string; page: number }[];
  }

  /**
   * Every published article's address facts, newest first (sitemaps), read SITEMAP_BATCH at a time with
   * other requests let in between: all 100,000 at once held the event loop 240 ms.
   */
  async sitemapArticles(now: number): Promise<{ slug: string; lastModified: string }[]> {
    const batch = this.query(
      `SELECT id, slug, last_modified AS lastModified FROM articles a WHERE ${PUBLISHED} AND a.id > @after ORDER BY id LIMIT @limit`,
    );
    const all: { slug: string; lastModified: string }[] = [];
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const rows = batch.all({ now, after, limit: SITEMAP_BATCH }) as { id: number; slug: string; lastModified: string }[];
      for (const { slug, lastModified } of rows) all.push({ slug, lastModified });
      if (rows.length < SITEMAP_BATCH) return all;
      after = rows[rows.length - 1]!.id;
      // Sitemaps are prerendered at build: a yield that keeps to the render's task.
      await yieldWithinRender();
    }
  }

  /** Published articles dated within [since, now], with an exact date (the Google News sitemap). */
  async publishedBetween(since: number, now: number): Promise<ArticleCard[]> {
    return (
      this.query(
        `SELECT t.card FROM articles a JOIN article_texts t ON t.id = a.id WHERE ${PUBLISHED} AND a.time >= @since AND a.approximate = 0 ORDER BY a.id`,
      ).all({
        since,
        now,
      }) as CardRow[]
    ).map(toCard);
  }

  /** Published members' ids of one group at `now`, ascending, cached. */
  private memberIds(kind: "tag" | "series" | "section", key: string, now: number): Float64Array {
    return this.memberLists.get(`${now}\0${kind}\0${key}`, () =>
      Float64Array.from(
        this.query(
          // The primary key's order: id order, content order.
          `SELECT m.article_id FROM group_members m WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY m.article_id`,
        )
          .pluck()
          .all({ kind, key, now }) as number[],
      ),
    );
  }

  /**
   * 관련기사 of `article`, ranked by lib/related.ts `rankRelated` without scoring every candidate. Each
   * candidate gets a bound no lower than its score, and candidates are offered best bound first (then in
   * content order) until none can place. The editor's picks and members naming one of the tags twice
   * ("special": few) are bounded by a query over their own memberships; every other candidate's bound is
   * the sum of the weights of the member lists holding it (each tag 10, the series 30, the section 3), from
   * a merge of those lists (lib/archive/related-lists.ts), which are cached: a popular tag's thousands of
   * members cost a merge, not an aggregate query per page (BENCHMARKS.md).
   */
  async related(article: Article, now: number, limit: number): Promise<RelationFacts[]> {
    const params = {
      related: JSON.stringify(article.related),
      series: article.series ? groupKey(article.series) : null,
      tags: JSON.stringify(article.tags.map(groupKey)),
      section: article.section,
      column: article.column ?? null,
      slug: article.slug,
      now,
    };
    const special = this.query(
      `WITH special (id) AS (
         SELECT a.id FROM articles a WHERE a.slug IN (SELECT value FROM json_each(@related)) AND ${PUBLISHED}
         UNION SELECT m.article_id FROM group_members m
           WHERE m.kind = 'tag' AND m.key IN (SELECT value FROM json_each(@tags)) AND m.multiplicity > 1 AND ${MEMBER_PUBLISHED}),
       points (id, section, points) AS (
         SELECT a.id, a.section, 1000 FROM articles a WHERE a.slug IN (SELECT value FROM json_each(@related)) AND ${PUBLISHED}
         -- CROSS JOIN: from the few special candidates to their memberships. Left to choose, SQLite read
         -- every member of the tags (11 ms at 100,000 articles instead of 0.3 ms).
         UNION ALL SELECT m.article_id, m.section, CASE m.kind WHEN 'series' THEN 30 ELSE 10 * m.multiplicity END
           FROM special s CROSS JOIN group_members m ON m.article_id = s.id AND m.kind IN ('series', 'tag')
           WHERE (m.kind = 'series' AND m.key = @series) OR (m.kind = 'tag' AND m.key IN (SELECT value FROM json_each(@tags)))
         UNION ALL SELECT a.id, a.section, 0 FROM special s JOIN articles a ON a.id = s.id)
       SELECT id, SUM(points) + CASE WHEN MAX(section) = @section THEN 3 ELSE 0 END AS bound FROM points
       GROUP BY id ORDER BY bound DESC, id`,
    ).all(params) as BoundedId[];
    const skip = new Set([
      ...special.map((row) => row.id),
      ...(this.query("SELECT id FROM articles WHERE slug IN (@slug, @column)").pluck().all(params) as number[]),
    ]);
    const lists: WeightedIds[] = [
      ...[...new Set(article.tags.map(groupKey))].map((key) => ({
        ids: this.memberIds("tag", key, now),
        weight: RELATED_WEIGHTS.tag,
      })),
      ...(params.series ? [{ ids: this.memberIds("series", params.series, now), weight: RELATED_WEIGHTS.series }] : []),
      { ids: this.memberIds("section", article.section, now), weight: RELATED_WEIGHTS.section },
    ];
    const facts = this.query("SELECT slug, time, section, relation FROM articles WHERE id = ?");
    const ranking = new RelatedRanking(article, limit);
    for (const { id, bound } of mergeByBound(special, byBound(lists, skip))) {
      if (!ranking.offer({ ...(facts.get(id) as Omit<RelatedCandidateRow, "bound">), bound })) break;
    }
    return ranking.best;
  }

  /** The slug an old address redirects to at `now`. */
  async aliasTarget(address: string, now: number): Promise<string | undefined> {
    const row = this.query(
      `SELECT a.slug FROM aliases l JOIN articles a ON a.id = l.article_id WHERE l.alias = @alias AND ${PUBLISHED}`,
    ).get({
      alias: normalizeAlias(address),
      now,
    }) as { slug: string } | undefined;
    return row?.slug;
  }

  /** A photo the content names, by content hash (drafts' photos too: their variants are ready when they publish). */
  async photo(hash: string): Promise<Photo | undefined> {
    const row = this.query("SELECT photo FROM photos WHERE hash = ?").get(hash) as { photo: string } | undefined;
    return row && (JSON.parse(row.photo) as Photo);
  }

  /**
   * Articles matching every term of `raw`, ranked as lib/search/index.ts ranks them, in bounded steps
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
    const { directScoringMax = DIRECT_SCORING_MAX.sqlite } = this.options;
    if (!counts.totalIsEstimate && counts.total <= directScoringMax) {
      const ids = this.newestMatches(all, now, directScoringMax);
      return this.page(terms, display, counts, (await rankScored(ids, place, score)).ranked.slice(offset), true);
    }
    if (terms.length > LEVELLED_TERMS) {
      // The newest SCORED_AT_MOST matches, scored a hundred at a time (more is marked rankingIsPartial).
      const scoredAtMost = this.options.scoredAtMost ?? SCORED_AT_MOST;
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
    const wanted = filter.sort === "relevance" ? (this.options.scoredAtMost ?? SCORED_AT_MOST) : offset + limit;
    const ids: number[] = [];
    let total = 0;
    let read = 0;
    const deadline = performance.now() + (this.options.walkBudget ?? WALK_BUDGET).milliseconds;
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
    const walked = await walkStates(states, place, stateRows, score, undefined, this.options.walkBudget);
    if (walked.complete) return walked;
    await yieldToReaders();
    const newest = await scoreEach(this.newestMatches(all, now, NEWEST_SCORED_WHEN_PARTIAL), score);
    return { ranked: fillPartial(walked.ranked, newest, place), complete: false };
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
  private stepBounds(fine = false): number[] {
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
 * Queries of at most this many terms walk the index state by state. Each term multiplies the states; at
 * four common words with few repeats, the walk's empty states cost more than scoring every match
 * (100,000 generated articles: 170–230 ms against 27–110 ms), at three it is 13–53 ms against 115–550 ms.
 */
export const LEVELLED_TERMS = 3;

/**
 * Articles one statement of a sorted or filtered search covers: a query of seven common words took ~300 ms
 * over ROWS_A_STEP at 100,000 articles, so ranges are an eighth of that.
 */
const FILTERED_ROWS_A_STEP = 1_500;

/** Matches from which a sorted or filtered search's total is estimated from the ranges read (about ±3 %). */
const ESTIMATED_FROM_MATCHES = 1_000;

/** Articles a sitemap reads between two yields (~25 ms at 100,000 articles). */
const SITEMAP_BATCH = 10_000;

/** Group summaries a SQLite reader keeps (each a few hundred bytes), oldest first out. */
const GROUP_SUMMARIES_KEPT = 4096;

/** A 관련기사 candidate as the queries hand it over: its facts and a bound no lower than its score. */
export type RelatedCandidateRow = { slug: string; time: number; section: SectionSlug; relation: string; bound: number };

/**
 * lib/related.ts `rankRelated` over candidates offered best bound first (then newest, then by slug): keeps
 * the `limit` best and says when no later candidate can place.
 */
export class RelatedRanking {
  best: RelationFacts[] = [];

  constructor(
    private readonly article: Article,
    private readonly limit: number,
  ) {}

  /** Ranks `row` in; false once it, and so every later row, cannot place. */
  offer(row: RelatedCandidateRow): boolean {
    const { article, limit } = this;
    if (this.best.length === limit) {
      const last = this.best[limit - 1]!;
      const lastScore = relatedScore(article, last);
      const lastTime = Date.parse(last.date);
      // Later rows have a lower bound, or the same bound and an older date (or a later slug): none can rank first.
      if (
        row.bound < lastScore ||
        (row.bound === lastScore && (row.time < lastTime || (row.time === lastTime && row.slug > last.slug)))
      ) {
        return false;
      }
    }
    const relation = JSON.parse(row.relation) as { tags: string[]; series: string | null };
    const candidate = {
      slug: row.slug,
      date: new Date(row.time).toISOString(),
      section: row.section,
      tags: relation.tags,
      series: relation.series ?? undefined,
    };
    this.best = rankRelated(article, [...this.best, candidate], limit);
    return true;
  }
}

/**
 * A query's terms and the parameters both engines' search statements share: each term as @t0, @t1, …;
 * @now; the page (@offset, @limit) and the place it ends at (@place); @bonus, what repeats in the body
 * can add at most.
 */
export function searchRequest(raw: string, now: number, offset: number, limit: number) {
  const { terms, display } = parseQuery(raw);
  const params: Record<string, unknown> = {
    now,
    offset,
    limit,
    place: offset + limit,
    bonus: maxRepeatPoints(terms.length),
  };
  terms.forEach((term, i) => (params[`t${i}`] = term));
  return { terms, display, params };
}

/** Opens a read model file read-only. */
export function openReadModel(file: string): SqliteArchiveReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // Room for the hot pages (facts, groups, search heads) of a large archive: SQLite's default is 2 MB.
  db.pragma("cache_size = -32768");
  return new SqliteArchiveReader(db);
}

/** A read model in memory, for dev and tests where no build wrote one. */
export function readModelInMemory(content: Parameters<typeof writeReadModel>[1]): SqliteArchiveReader {
  const db = new Database(":memory:");
  writeReadModel(db, content);
  return new SqliteArchiveReader(db);
}
