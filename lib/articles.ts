// What pages ask of the archive: each question a query on the build's read model (lib/archive/), at the
// instant that decides what is published.
import { cacheLife } from "next/cache";
import { archive } from "@/lib/archive";
import type { ArchiveReader, ArticleCard } from "@/lib/archive/reader";
import { sidebarContent, type SidebarContent } from "@/lib/catalog";
import type { Article, Publisher } from "@/lib/content/schema";
import { getSidebarLive } from "@/lib/engagement/live";
import { site } from "@/lib/site";
import { installedSearchThreads } from "@/lib/search/search-threads";
import { understandSearch, type UnderstoodSearch } from "@/lib/search/understand";
import { DEFAULT_SEARCH_OPTIONS, searchFilter, type SearchOptions } from "@/lib/search/filters";

/**
 * The instant that decides what is published. Cached so a prerendered page is stable, and refreshed
 * hourly so a scheduled article appears within the hour without a rebuild.
 */
async function publicationInstant(): Promise<number> {
  "use cache";
  cacheLife("hours");
  return Date.now();
}

type Question = Exclude<keyof ArchiveReader, "ready" | "engine">;

/**
 * One question to the shared PostgreSQL read model, cached by Next. A page Next prerenders again at run
 * time (every few seconds, for the live comments) may only wait on cached data; SQLite answers within the
 * same task and needs no cache, but a database on the network does not.
 */
async function askShared(question: Question, args: unknown[]): Promise<unknown> {
  "use cache";
  cacheLife("hours");
  return (archive()[question] as (...args: unknown[]) => Promise<unknown>)(...args);
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

// Every question goes through askShared; `related` sends the article's relation facts only.
const sharedArchive = new Proxy({} as ArchiveReader, {
  get: (_, question: Question | "ready" | "engine") => {
    if (question === "engine") return "postgres";
    if (question === "ready") return () => archive().ready();
    return (...args: unknown[]) =>
      askShared(question, question === "related" ? [relationKey(args[0] as Article), ...args.slice(1)] : args);
  },
});

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
