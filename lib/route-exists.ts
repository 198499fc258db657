// Whether a page path names something that exists, decided before rendering. With Cache Components, a page
// that calls notFound() for an unknown slug answers 404 with an empty error document (vercel/next.js
// #97000) and stores that 404 under its own path (#98027); proxy.ts sends such paths to the real 404 page.
import { buildCatalog, type Catalog } from "@/lib/catalog";
import type { Content } from "@/lib/content";
import { findListing, type ListingKind } from "@/lib/listing";
import { decodeSegment } from "@/lib/urls";

const LISTING_KINDS: Record<string, ListingKind> = { sections: "section", tags: "tag", series: "series", authors: "author" };

/** False for an article, section, tag, series or author page (or listing page number) that does not exist. */
export function pageExists(catalog: Catalog, pathname: string): boolean {
  const [first, key, ...rest] = pathname.split("/").filter(Boolean);
  if (first === "articles" && key !== undefined && rest.length === 0) return catalog.bySlug.has(decodeSegment(key));
  const kind = first ? LISTING_KINDS[first] : undefined;
  if (kind && key !== undefined) return findListing(catalog, kind, key, rest.length ? rest : undefined) !== undefined;
  return true;
}

/**
 * The catalog at `now`, rebuilt only when a scheduled article's time has come: what is published changes
 * at those instants and no other.
 */
export function catalogTracker(content: () => Content): (now: number) => Catalog {
  let current: { catalog: Catalog; until: number } | undefined;
  return (now) => {
    if (!current || now >= current.until) {
      const catalog = buildCatalog(content(), now);
      const upcoming = catalog.withheld
        .filter((a) => !a.draft)
        .map((a) => Date.parse(a.date))
        .filter((t) => t > now);
      current = { catalog, until: upcoming.length ? Math.min(...upcoming) : Infinity };
    }
    return current.catalog;
  };
}
