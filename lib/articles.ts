// What pages ask for: the catalog of what is published now, computed once per cache lifetime.
import { cacheLife } from "next/cache";
import { buildCatalog, type Catalog } from "@/lib/catalog";
import { loadContent } from "@/lib/content";

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

/** The instant used for time windows such as banners; the same one the catalog uses. */
export async function getPublicationInstant(): Promise<number> {
  return publicationInstant();
}
