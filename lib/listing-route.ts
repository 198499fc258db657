// The shared body of the four listing routes: static params, metadata and the page data for one kind.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicationInstant, getSidebar, pageArchive } from "@/lib/articles";
import { findListing, listingParams, type ListingKind } from "@/lib/listing";
import { pageMetadata } from "@/lib/seo/metadata";

/** A key no group can have (nameKey never yields "-"), prerendered as a 404 when a kind has no groups yet. */
export const NO_GROUP = "-";

/**
 * Cache Components require generateStaticParams to return at least one entry; a site with no authors (or
 * no articles) yet must still build, so an empty list becomes one placeholder that renders as 404.
 */
export function withPlaceholder<T>(params: T[], placeholder: T): T[] {
  return params.length ? params : [placeholder];
}

export type ListingRouteProps = { params: Promise<{ key: string; page?: string[] }> };

/** Route helpers for one listing kind; each app/<kind>/[key]/[[...page]]/page.tsx is a thin wrapper. */
export function listingRoute(kind: ListingKind) {
  async function load(props: ListingRouteProps) {
    const { key, page } = await props.params;
    const listing = await findListing(pageArchive(), kind, key, page, await getPublicationInstant());
    if (!listing) notFound();
    return { listing };
  }
  return {
    async generateStaticParams() {
      return withPlaceholder(await listingParams(pageArchive(), kind, await getPublicationInstant()), {
        key: NO_GROUP,
        page: [],
      });
    },
    async generateMetadata(props: ListingRouteProps): Promise<Metadata> {
      const { listing } = await load(props);
      const feeds =
        kind === "section" || kind === "tag" ? { kind: `${kind}s` as const, key: listing.key, name: listing.title } : undefined;
      return pageMetadata({
        title: listing.page.page > 1 ? `${listing.title} (${listing.page.page}쪽)` : listing.title,
        description: listing.description,
        canonical: listing.pathOf(listing.page.page),
        feeds,
      });
    },
    async data(props: ListingRouteProps) {
      const { listing } = await load(props);
      return { listing, sidebar: await getSidebar() };
    },
  };
}
