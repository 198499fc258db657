// What pages ask of the archive: each question a query on the build's read model (lib/archive/), at the
// instant that decides what is published.
import { cacheLife, cacheTag } from "next/cache";
import { archive } from "@/lib/archive";
import type { ArchiveReader, ArticleCard, GroupKind, GroupSummary } from "@/lib/archive/reader";
import { sidebarContent, type SidebarContent } from "@/lib/sidebar";
import type { Article, Publisher } from "@/lib/content/schema";
import { getSidebarLive } from "@/lib/engagement/live";
import { site } from "@/lib/site";
import { installedSearchThreads } from "@/lib/archive/search-threads";
import { understandSearch, type UnderstoodSearch } from "@/lib/search/understand";
import { DEFAULT_SEARCH_OPTIONS, searchFilter, type SearchOptions } from "@/lib/search/filters";
import type { Photo } from "@/lib/images/photos";
import { EngagementError } from "@/lib/engagement/errors";

/**
 * The instant that decides what is published. Cached so a prerendered page is stable, and refreshed
 * hourly so a scheduled article appears within the hour without a rebuild.
 */
async function publicationInstant(): Promise<number> {
  "use cache";
  cacheLife("hours");
  return Date.now();
}

/** The questions pages ask the archive (its contract, lib/archive/reader.ts). */
type Question = Exclude<keyof ArchiveReader, "ready" | "engine">;

/**
 * One question to the shared PostgreSQL read model, cached by Next for hours under the `archive` tag, keyed
 * by the question and its arguments (the read model does not change under a deploy; `now` is the hourly
 * publication instant). A page Next prerenders again at run time (every few seconds, for the live
 * comments) may only wait on cached data; SQLite answers within the same task and needs no cache, but a
 * database on the network does not.
 */
async function askShared<Q extends Question>(
  question: Q,
  ...args: Parameters<ArchiveReader[Q]>
): Promise<Awaited<ReturnType<ArchiveReader[Q]>>> {
  "use cache";
  cacheLife("hours");
  cacheTag("archive");
  const reader = archive();
  // Called on the reader: its methods read their own fields.
  return (reader[question] as (...args: Parameters<ArchiveReader[Q]>) => Promise<Awaited<ReturnType<ArchiveReader[Q]>>>).apply(
    reader,
    args,
  );
}

/** What 관련기사 ranking reads of the article itself: a small cache key instead of the whole text. */
const relationKey = (article: Article) =>
  ({
    slug: article.slug,
    date: article.date,
    section: article.section,
    tags: article.tags,
    series: article.series,
    related: article.related,
    column: article.column,
  }) as Article;

/**
 * The shared PostgreSQL read model as pages read it: each question of the contract through askShared, by
 * name; 관련기사 sends the article's relation facts only. Helpers asking several questions (listings,
 * sitemaps, feeds, the sidebar) take this reader from pageArchive().
 */
const sharedArchive: ArchiveReader = {
  engine: "postgres",
  ready: () => archive().ready(),
  publisher: () => askShared("publisher"),
  banners: () => askShared("banners"),
  vocabulary: () => askShared("vocabulary"),
  abbreviations: () => askShared("abbreviations"),
  article: (slug, now) => askShared("article", slug, now),
  exists: (slug, now) => askShared("exists", slug, now),
  newest: (now, limit, offset) => askShared("newest", now, limit, offset),
  newestWhole: (now, limit, group) => askShared("newestWhole", now, limit, group),
  cardsBySlug: (slugs, now) => askShared("cardsBySlug", slugs, now),
  groups: <T>(kind: GroupKind, now: number) => askShared("groups", kind, now) as Promise<GroupSummary<T>[]>,
  hasPublished: (kind, key, now) => askShared("hasPublished", kind, key, now),
  group: <T>(kind: GroupKind, key: string, now: number) =>
    askShared("group", kind, key, now) as Promise<GroupSummary<T> | undefined>,
  members: (kind, key, now, limit, offset) => askShared("members", kind, key, now, limit, offset),
  picks: (key, now, limit) => askShared("picks", key, now, limit),
  groupsLastModified: (kind, now) => askShared("groupsLastModified", kind, now),
  pagesHoldingNewest: (kind, now, newest, pageSize) => askShared("pagesHoldingNewest", kind, now, newest, pageSize),
  sitemapArticles: (now) => askShared("sitemapArticles", now),
  publishedBetween: (since, now) => askShared("publishedBetween", since, now),
  related: (article, now, limit, sectionNewest) => askShared("related", relationKey(article), now, limit, sectionNewest),
  aliasTarget: (address, now) => askShared("aliasTarget", address, now),
  photo: (hash) => askShared("photo", hash),
  search: (raw, now, offset, limit, filter) => askShared("search", raw, now, offset, limit, filter),
};

/** The archive as pages read it: the build's SQLite file directly, the shared PostgreSQL one through Next's cache. */
export function pageArchive(): ArchiveReader {
  const reader = archive();
  return reader.engine === "postgres" ? sharedArchive : reader;
}

/** The instant used for what is published and for time windows such as banners. */
export async function getPublicationInstant(): Promise<number> {
  return publicationInstant();
}

/** The statutory notices for every page's footer (content/publisher.yaml). */
export function getPublisher(): Promise<Publisher> {
  return pageArchive().publisher();
}

/** A published article, whole; undefined for an unknown, draft or scheduled one. */
export async function getArticle(slug: string): Promise<Article | undefined> {
  return pageArchive().article(slug, await publicationInstant());
}

/** The newest published articles. */
export async function getNewest(limit: number, offset = 0): Promise<ArticleCard[]> {
  return pageArchive().newest(await publicationInstant(), limit, offset);
}

/** The published column boxed inside `article`, whole, if any. */
export async function getAttachedColumn(article: Pick<Article, "column">): Promise<Article | undefined> {
  return article.column ? getArticle(article.column) : undefined;
}

/**
 * 관련기사 for `article`, ranked by lib/related.ts over the candidates its groups give (never a scan of the
 * archive): the section's newest `limit + 2` are enough, as the section is the weakest link and ties go to
 * the newer article (two more cover the article itself and its boxed column).
 */
export async function getRelated(article: Article, limit: number = site.relatedCount): Promise<ArticleCard[]> {
  const now = await publicationInstant();
  const reader = pageArchive();
  return reader.cardsBySlug(
    (await reader.related(article, now, limit)).map((a) => a.slug),
    now,
  );
}

/** What the sidebar shows now, live parts included. */
export async function getSidebar(): Promise<SidebarContent> {
  const [now, live] = await Promise.all([publicationInstant(), getSidebarLive(site.recentCount)]);
  return sidebarContent(pageArchive(), now, live);
}

/** Search over what is published now, as a Korean reader means it (lib/search/understand.ts). */
export async function searchPublished(
  query: string,
  offset: number,
  limit: number,
  options: SearchOptions = DEFAULT_SEARCH_OPTIONS,
): Promise<UnderstoodSearch> {
  const now = await publicationInstant();
  const filter = searchFilter(options, now);
  // The server's search threads when it started them (SQLite), so no search holds the serving thread.
  const threads = installedSearchThreads();
  if (threads) return threads.search(query, now, offset, limit, filter);
  return understandSearch(archive(), query, now, offset, limit, filter);
}

/**
 * The slug of a published article, or a 404 for the engagement routes (unknown, draft or scheduled articles
 * take no comments, reads or shares). Asked of the archive uncached: route handlers run per request.
 */
export async function publishedSlug(slug: string): Promise<string> {
  if (!(await archive().exists(slug, await publicationInstant()))) throw new EngagementError(404, "기사를 찾을 수 없습니다.");
  return slug;
}

/** A photo the content names, by content hash, for the photo route (uncached: its variants are files). */
export function getPhoto(hash: string): Promise<Photo | undefined> {
  return archive().photo(hash);
}
