// What pages ask of the published archive: the types and the one interface both engines answer, the
// build's SQLite file (lib/archive/sqlite/) and PostgreSQL (lib/archive/postgres/), nothing else. Pages
// reach it through lib/articles.ts; lib/archive/index.ts opens the engine a process reads.
import type { Article, ArticleCard, Banner, Publisher } from "@/lib/content/schema";
import type { Photo } from "@/lib/images/photos";
import type { ArchiveSearchHit, ArchiveSearchResult, SearchSource } from "@/lib/search/source";

export type { ArticleCard };

/** The kinds of group an article belongs to: listings, 관련기사 and the editors' picks read them. */
export type GroupKind = "section" | "tag" | "series" | "author" | "pick";
/** The editors' picks: Hot & Why & Only and 매거진 in 충북. */
export type PickKey = "why" | "only" | "magazine";

/** A section, tag, series or author with at least one published article. */
export type GroupSummary<T = unknown> = { key: string; name: string; value: T; count: number };

/** What 관련기사 ranking reads of a candidate (lib/related.ts). */
export type RelationFacts = Pick<Article, "slug" | "date" | "section" | "tags" | "series">;

export type { ArchiveSearchHit, ArchiveSearchResult };

/** What pages ask of the archive. Every answer is the same on both engines (tests/unit/read-model.test.ts). */
export interface ArchiveReader extends SearchSource {
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
}
