// What pages ask for: the catalog of what is published now, computed once per cache lifetime.
import { cacheLife } from "next/cache";
import { buildCatalog, sidebarContent, type Catalog, type SidebarContent } from "@/lib/catalog";
import { loadContent } from "@/lib/content";
import type { Publisher } from "@/lib/content/schema";
import { oncePer } from "@/lib/memo";
import { getSidebarLive } from "@/lib/engagement/live";
import { site } from "@/lib/site";
import { buildSearchIndex, type SearchIndex } from "@/lib/search/index";

/**
 * The instant that decides what is published. Cached so a prerendered page is stable, and refreshed
 * hourly so a scheduled article appears within the hour without a rebuild.
 */
async function publicationInstant(): Promise<number> {
  "use cache";
  cacheLife("hours");
  return Date.now();
}

const catalogs = new Map<number, Catalog>();

/** The published catalog for the current publication instant. */
export async function getCatalog(): Promise<Catalog> {
  const now = await publicationInstant();
  let catalog = catalogs.get(now);
  if (!catalog) {
    catalog = buildCatalog(loadContent(), now);
    catalogs.clear();
    catalogs.set(now, catalog);
  }
  return catalog;
}

/** The statutory notices for every page's footer (content/publisher.yaml). */
export function getPublisher(): Publisher {
  return loadContent().publisher;
}

/** The instant used for time windows such as banners; the same one the catalog uses. */
export async function getPublicationInstant(): Promise<number> {
  return publicationInstant();
}

const searchIndexOf = oncePer((catalog: Catalog) => buildSearchIndex(catalog.articles));

/** The search index of the current catalog, built on first use (first search after start or after an hourly refresh). */
export async function getSearchIndex(): Promise<SearchIndex> {
  return searchIndexOf(await getCatalog());
}

/** What the sidebar shows now, live parts included. */
export async function getSidebar(): Promise<SidebarContent> {
  const [catalog, now, live] = await Promise.all([getCatalog(), publicationInstant(), getSidebarLive(site.recentCount)]);
  return sidebarContent(catalog, now, live);
}
