// Whether a page path names something that exists, decided before rendering. With Cache Components, a page
// that calls notFound() for an unknown slug answers 404 with an empty error document (vercel/next.js
// #97000) and stores that 404 under its own path (#98027); the portal server sends such paths to the
// real 404 page (lib/http/page-routing.ts).
import type { ArchiveReader } from "@/lib/archive/reader";
import { locateListing, type ListingKind } from "@/lib/listing";
import { decodeSegment } from "@/lib/urls";

const LISTING_KINDS: Record<string, ListingKind> = { sections: "section", tags: "tag", series: "series", authors: "author" };

/**
 * False for an article, section, tag, series or author page (or listing page number) that does not exist
 * at `now`: one or two indexed queries, so a scheduled article's page exists from its minute on.
 */
export async function pageExists(reader: ArchiveReader, pathname: string, now: number): Promise<boolean> {
  const [first, key, ...rest] = pathname.split("/").filter(Boolean);
  if (first === "articles" && key !== undefined && rest.length === 0) return reader.exists(decodeSegment(key), now);
  const kind = first ? LISTING_KINDS[first] : undefined;
  if (kind && key !== undefined)
    return (await locateListing(reader, kind, key, rest.length ? rest : undefined, now)) !== undefined;
  return true;
}
