// The read model of one build in its SQLite file (lib/archive/write.ts), opened read-only: every lookup
// pages make (lib/archive/reader.ts) as a prepared statement; search is lib/archive/sqlite/search.ts.
// Every query takes the instant that decides what is published.
import Database from "better-sqlite3";
import type { Article, ArticleCard, Banner, Publisher } from "@/lib/content/schema";
import type { Photo } from "@/lib/images/photos";
import { RELATED_WEIGHTS } from "@/lib/related";
import type { SearchFilter } from "@/lib/search/filters";
import { yieldWithinRender } from "@/lib/yield-to-readers";
import { nameKey as groupKey, normalizeAlias } from "@/lib/urls";
import { byBound, MemberListCache, mergeByBound, type BoundedId, type WeightedIds } from "@/lib/archive/related-lists";
import { RelatedRanking, type RelatedCandidateRow } from "@/lib/archive/related-ranking";
import type { SearchTuning } from "@/lib/archive/search-budget";
import { READ_MODEL_VERSION, writeReadModel } from "@/lib/archive/write";
import type { ArchiveReader, ArchiveSearchResult, GroupKind, GroupSummary, PickKey, RelationFacts } from "@/lib/archive/reader";
import {
  MEMBER_PUBLISHED,
  PUBLISHED,
  statementCache,
  toCard,
  type ArticleRow,
  type CardRow,
} from "@/lib/archive/sqlite/statements";
import { SqliteSearch } from "@/lib/archive/sqlite/search";

/** The read model of one build in its SQLite file, opened read-only. */
export class SqliteArchiveReader implements ArchiveReader {
  readonly engine = "sqlite";
  /** Prepared once per text: a page asks the same few questions many times. */
  private readonly query: (sql: string) => Database.Statement;
  private readonly searching: SqliteSearch;
  /** 관련기사's member lists: at most a million ids (8 MB). */
  private readonly memberLists = new MemberListCache(1_000_000);
  private readonly groupSummaries = new Map<string, GroupSummary | undefined>();

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
    this.query = statementCache(db);
    this.searching = new SqliteSearch(db, this.query, options);
  }

  /**
   * Ready at once; reads the walk's step bounds now, at start, rather than in the first search that walks
   * (every id in order: 240 ms in one call at 100,000 articles, which stalled every request beside it).
   */
  async ready(): Promise<void> {
    this.searching.stepBounds();
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

  /** Articles matching every term of `raw` (lib/archive/sqlite/search.ts). */
  search(raw: string, now: number, offset = 0, limit = 10, filter?: SearchFilter): Promise<ArchiveSearchResult> {
    return this.searching.search(raw, now, offset, limit, filter);
  }
}

/** Articles a sitemap reads between two yields (~25 ms at 100,000 articles). */
const SITEMAP_BATCH = 10_000;

/** Group summaries a SQLite reader keeps (each a few hundred bytes), oldest first out. */
const GROUP_SUMMARIES_KEPT = 4096;

/** Opens a read model file read-only. */
export function openReadModel(file: string): SqliteArchiveReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // Room for the hot pages (facts, groups, search heads) of a large archive: SQLite's default is 2 MB.
  db.pragma("cache_size = -32768");
  // Pages read through a memory map of the file, not copied into that cache: a search whose grams' doclists
  // are not cached read them in 14–19 ms instead of 37–119 ms at 100,000 articles (the OS caches the file
  // either way; each thread's connection no longer copies it). SQLite maps at most its compiled maximum
  // (2 GB) and reads the rest as before. Safe because a read model is never written in place: a build
  // writes a new file aside and renames it over (lib/archive/index.ts), and a mapping keeps the old one.
  db.pragma(`mmap_size = ${2 ** 40}`);
  // The shared lock taken once and kept, for the same reason: in SQLite's default (normal) locking mode
  // every statement outside a transaction takes the file's lock, looks for a hot journal and reads the
  // change counter, ~7 µs of system calls where the lookup itself takes 0.4 µs (100,000 articles: a
  // search scoring 3,000 matches spent 20 ms of its 100 locking). Nothing writes the file once it is
  // renamed into place, so there is no change to look for.
  db.pragma("locking_mode = EXCLUSIVE");
  return new SqliteArchiveReader(db);
}

/** A read model in memory, for dev and tests where no build wrote one. */
export function readModelInMemory(content: Parameters<typeof writeReadModel>[1]): SqliteArchiveReader {
  const db = new Database(":memory:");
  writeReadModel(db, content);
  return new SqliteArchiveReader(db);
}
