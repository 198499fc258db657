// What pages ask of the archive: each question a query on the build's read model (lib/archive/), at the
// instant that decides what is published.
import { cacheLife, cacheTag } from "next/cache";
import { archive } from "@/lib/archive";
import type { ArchiveReader, ArticleCard, GroupKind, PickKey } from "@/lib/archive/reader";
import { sidebarContent, type SidebarContent } from "@/lib/sidebar";
import type { Article, Publisher } from "@/lib/content/schema";
import { getSidebarLive } from "@/lib/engagement/live";
import { site } from "@/lib/site";
import { installedSearchThreads } from "@/lib/archive/search-threads";
import { understandSearch, type UnderstoodSearch } from "@/lib/search/understand";
import { DEFAULT_SEARCH_OPTIONS, searchFilter, type SearchFilter, type SearchOptions } from "@/lib/search/filters";
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

/**
 * The shared PostgreSQL read model's answers, cached by Next: one function per question, each cached for
 * hours under ARCHIVE_TAG with its arguments as the key (the read model does not change under a deploy;
 * `now` is the hourly publication instant). A page Next prerenders again at run time (every few seconds,
 * for the live comments) may only wait on cached data; SQLite answers within the same task and needs no
 * cache, but a database on the network does not. Helpers that ask several questions (listings, sitemaps,
 * feeds, the sidebar) take the reader pageArchive() gives, which is the SQLite file or this one.
 */
const ARCHIVE_TAG = "archive";

async function sharedPublisher() {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().publisher();
}

async function sharedBanners() {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().banners();
}

async function sharedVocabulary() {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().vocabulary();
}

async function sharedAbbreviations() {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().abbreviations();
}

async function sharedArticle(slug: string, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().article(slug, now);
}

async function sharedExists(slug: string, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().exists(slug, now);
}

async function sharedNewest(now: number, limit: number, offset?: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().newest(now, limit, offset);
}

async function sharedNewestWhole(now: number, limit: number, group?: { kind: GroupKind; key: string }) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().newestWhole(now, limit, group);
}

async function sharedCardsBySlug(slugs: string[], now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().cardsBySlug(slugs, now);
}

async function sharedGroups(kind: GroupKind, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().groups(kind, now);
}

async function sharedHasPublished(kind: GroupKind, key: string, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().hasPublished(kind, key, now);
}

async function sharedGroup(kind: GroupKind, key: string, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().group(kind, key, now);
}

async function sharedMembers(kind: GroupKind, key: string, now: number, limit: number, offset?: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().members(kind, key, now, limit, offset);
}

async function sharedPicks(key: PickKey, now: number, limit: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().picks(key, now, limit);
}

async function sharedGroupsLastModified(kind: GroupKind, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().groupsLastModified(kind, now);
}

async function sharedPagesHoldingNewest(kind: GroupKind, now: number, newest: number, pageSize: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().pagesHoldingNewest(kind, now, newest, pageSize);
}

async function sharedSitemapArticles(now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().sitemapArticles(now);
}

async function sharedPublishedBetween(since: number, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().publishedBetween(since, now);
}

/** 관련기사, keyed by the article's relation facts (relationKey) rather than its whole text. */
async function sharedRelated(relation: Article, now: number, limit: number, sectionNewest?: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().related(relation, now, limit, sectionNewest);
}

async function sharedAliasTarget(address: string, now: number) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().aliasTarget(address, now);
}

async function sharedPhoto(hash: string) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().photo(hash);
}

async function sharedSearch(raw: string, now: number, offset?: number, limit?: number, filter?: SearchFilter) {
  "use cache";
  cacheLife("hours");
  cacheTag(ARCHIVE_TAG);
  return archive().search(raw, now, offset, limit, filter);
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

/** The shared PostgreSQL read model as pages read it: every question through its cached function above. */
const sharedArchive: ArchiveReader = {
  engine: "postgres",
  ready: () => archive().ready(),
  publisher: sharedPublisher,
  banners: sharedBanners,
  vocabulary: sharedVocabulary,
  abbreviations: sharedAbbreviations,
  article: sharedArticle,
  exists: sharedExists,
  newest: sharedNewest,
  newestWhole: sharedNewestWhole,
  cardsBySlug: sharedCardsBySlug,
  groups: sharedGroups as ArchiveReader["groups"],
  hasPublished: sharedHasPublished,
  group: sharedGroup as ArchiveReader["group"],
  members: sharedMembers,
  picks: sharedPicks,
  groupsLastModified: sharedGroupsLastModified,
  pagesHoldingNewest: sharedPagesHoldingNewest,
  sitemapArticles: sharedSitemapArticles,
  publishedBetween: sharedPublishedBetween,
  related: (article, now, limit, sectionNewest) => sharedRelated(relationKey(article), now, limit, sectionNewest),
  aliasTarget: sharedAliasTarget,
  photo: sharedPhoto,
  search: sharedSearch,
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
