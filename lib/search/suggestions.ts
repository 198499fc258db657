// What to offer when a search finds nothing: the most used tags.
import type { Catalog } from "@/lib/catalog";

/** The `limit` tags with the most published articles, most used first. */
export function popularTags(catalog: Catalog, limit = 10): string[] {
  return [...catalog.tags.values()]
    .sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name, "ko"))
    .slice(0, limit)
    .map((group) => group.name);
}
