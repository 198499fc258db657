import { ListingView } from "@/components/listing/listing-view";
import { listingRoute, type ListingRouteProps } from "@/lib/listing-route";

const route = listingRoute("series");

export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;

export default async function SeriesListingPage(props: ListingRouteProps) {
  return <ListingView {...await route.data(props)} />;
}
