import type { SidebarContent } from "@/lib/sidebar";
import type { Listing } from "@/lib/listing";
import { WithSidebar } from "@/components/layout/with-sidebar";
import { ArticleList } from "@/components/listing/article-list";
import { Pagination } from "@/components/listing/pagination";
import { Sidebar } from "@/components/sidebar/sidebar";

/** A paginated list of articles (section, tag, series or author) beside the site sidebar. */
export function ListingView({ listing, sidebar }: { listing: Listing; sidebar: SidebarContent }) {
  const { page } = listing;
  return (
    <WithSidebar sidebar={<Sidebar {...sidebar} />}>
      <header className="border-b-2 border-ink pb-2">
        <h1 className="font-serif text-2xl font-bold">{listing.title}</h1>
        <p className="mt-1 text-sm text-ink-soft">
          {listing.description}
          {page.pageCount > 1 && ` · ${page.page}/${page.pageCount}쪽`}
        </p>
      </header>
      <ArticleList articles={page.items} />
      <Pagination page={page.page} pageCount={page.pageCount} pathOf={listing.pathOf} />
    </WithSidebar>
  );
}
