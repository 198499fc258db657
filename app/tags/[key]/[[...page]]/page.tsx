import { ListingView } from "@/components/listing/listing-view";
import { listingRoute, type ListingRouteProps } from "@/lib/listing-route";

const route = listingRoute("tag");

export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;

export default async function TagListingPage(props: ListingRouteProps) {
  return <ListingView {...await route.data(props)} />;
}
