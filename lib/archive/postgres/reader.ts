// The read model in PostgreSQL tables (lib/archive/postgres/schema.ts), for several instances sharing one
// database (DATABASE_URL=postgres://…): every lookup pages make (lib/archive/reader.ts), answered as the
// SQLite reader answers it (tests/unit/read-model.test.ts runs both against one reference); search is
// lib/archive/postgres/search.ts.
import pg from "pg";
import type { Article, ArticleCard, Banner, Publisher } from "@/lib/content/schema";
import type { Photo } from "@/lib/images/photos";
import { nameKey as groupKey, normalizeAlias } from "@/lib/urls";
import type { SearchFilter } from "@/lib/search/filters";
import type { SearchTuning } from "@/lib/archive/search-budget";
import { RelatedRanking, type RelatedCandidateRow } from "@/lib/archive/related-ranking";
import type { ArchiveReader, ArchiveSearchResult, GroupKind, GroupSummary, PickKey, RelationFacts } from "@/lib/archive/reader";
import { RELATED_WEIGHTS, relatedScore } from "@/lib/related";
import {
  MEMBER_ORDER,
  MEMBER_PUBLISHED,
  NEWEST,
  PUBLISHED,
  toArticle,
  toCard,
  toGroup,
  type ArticleRow,
  type CardRow,
} from "@/lib/archive/postgres/schema";
import { PgConnection } from "@/lib/archive/postgres/connection";
import { PostgresSearch } from "@/lib/archive/postgres/search";

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
  ) {
    this.db = new PgConnection(pool, opened);
    this.searching = new PostgresSearch(this.db, options);
  }

  /** Statements over the pool, once the sync at start has settled. */
  private readonly db: PgConnection;
  private readonly searching: PostgresSearch;

  ready(): Promise<void> {
    return this.opened.then(() => undefined);
  }

  publisher(): Promise<Publisher> {
    return this.db.meta("publisher");
  }

  banners(): Promise<Banner[]> {
    return this.db.meta("banners");
  }

  vocabulary(): Promise<string> {
    return this.db.meta("vocabulary");
  }

  abbreviations(): Promise<Record<string, string>> {
    return this.db.meta("abbreviations");
  }

  async article(slug: string, now: number): Promise<Article | undefined> {
    const row = await this.db.row<ArticleRow>(
      `SELECT card, html, plain_text FROM archive_articles a WHERE slug = @slug AND ${PUBLISHED}`,
      { slug, now },
    );
    return row && toArticle(row);
  }

  async exists(slug: string, now: number): Promise<boolean> {
    return (
      (await this.db.row(`SELECT 1 FROM archive_articles a WHERE slug = @slug AND ${PUBLISHED}`, { slug, now })) !== undefined
    );
  }

  async newest(now: number, limit: number, offset = 0): Promise<ArticleCard[]> {
    return (
      await this.db.rows<CardRow>(
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
      ? await this.db.rows<ArticleRow>(
          `SELECT a.card, a.html, a.plain_text FROM archive_group_members m JOIN archive_articles a ON a.id = m.article_id
           WHERE m.kind = @kind AND m.key = @key AND ${MEMBER_PUBLISHED} ORDER BY ${MEMBER_ORDER} LIMIT @limit`,
          { ...group, now, limit },
        )
      : await this.db.rows<ArticleRow>(
          `SELECT card, html, plain_text FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST} LIMIT @limit`,
          { now, limit },
        );
    return rows.map(toArticle);
  }

  async cardsBySlug(slugs: string[], now: number): Promise<ArticleCard[]> {
    if (!slugs.length) return [];
    const rows = await this.db.rows<CardRow & { slug: string }>(
      `SELECT slug, card FROM archive_articles a WHERE slug = ANY(@slugs::text[]) AND ${PUBLISHED}`,
      { slugs: [...new Set(slugs)], now },
    );
    const found = new Map(rows.map((row) => [row.slug, toCard(row)]));
    return slugs.flatMap((slug) => found.get(slug) ?? []);
  }

  /** Each group's first member in content order names it, as in SQLite; count is over the published. */
  private groupRows(kind: GroupKind, now: number) {
    return this.db.rows<{ key: string; name: string; value: string | null; count: number }>(
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
      (await this.db.row(
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
    const row = await this.db.row<{ key: string; name: string; value: string | null; count: number }>(
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
      await this.db.rows<CardRow>(
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
    const rows = await this.db.rows<{ key: string; last_modified: string }>(
      `SELECT m.key, max(a.last_modified) AS last_modified FROM archive_group_members m JOIN archive_articles a ON a.id = m.article_id
       WHERE m.kind = @kind AND ${MEMBER_PUBLISHED} GROUP BY m.key`,
      { kind, now },
    );
    return new Map(rows.map((row) => [row.key, row.last_modified]));
  }

  pagesHoldingNewest(kind: GroupKind, now: number, newest: number, pageSize: number): Promise<{ key: string; page: number }[]> {
    return this.db.rows(
      `WITH placed AS (
         SELECT m.key, m.article_id, row_number() OVER (PARTITION BY m.key ORDER BY ${MEMBER_ORDER}) - 1 AS place
         FROM archive_group_members m WHERE m.kind = @kind AND ${MEMBER_PUBLISHED}),
       recent AS (SELECT a.id FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST} LIMIT @newest)
       SELECT DISTINCT key, (place / @pageSize + 1)::int AS page FROM placed WHERE article_id IN (SELECT id FROM recent) ORDER BY key, page`,
      { kind, now, newest: Number.isFinite(newest) ? newest : null, pageSize },
    );
  }

  sitemapArticles(now: number): Promise<{ slug: string; lastModified: string }[]> {
    return this.db.rows(
      `SELECT slug, last_modified AS "lastModified" FROM archive_articles a WHERE ${PUBLISHED} ORDER BY ${NEWEST}`,
      {
        now,
      },
    );
  }

  async publishedBetween(since: number, now: number): Promise<ArticleCard[]> {
    return (
      await this.db.rows<CardRow>(
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
          await this.db.rows<Omit<RelatedCandidateRow, "bound"> & { id: number }>(
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
        this.db.rows<{ id: number; bound: number }>(
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
        this.db.rows<{ id: number; bound: number }>(
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
      const bounds = await this.db.rows<{ id: number; bound: number }>(
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
    const row = await this.db.row<{ slug: string }>(
      `SELECT a.slug FROM archive_aliases l JOIN archive_articles a ON a.id = l.article_id WHERE l.alias = @alias AND ${PUBLISHED}`,
      { alias: normalizeAlias(address), now },
    );
    return row?.slug;
  }

  async photo(hash: string): Promise<Photo | undefined> {
    const row = await this.db.row<{ photo: string }>("SELECT photo FROM archive_photos WHERE hash = @hash", { hash });
    return row && (JSON.parse(row.photo) as Photo);
  }

  /** As the SQLite reader's `search` (lib/archive/postgres/search.ts). */
  search(raw: string, now: number, offset = 0, limit = 10, filter?: SearchFilter): Promise<ArchiveSearchResult> {
    return this.searching.search(raw, now, offset, limit, filter);
  }
}

/** Candidates 관련기사 ranking reads per query: most articles place within the first. */
const RELATED_BATCH = 200;
