// Runs before every page is served: learns other instances' cache invalidations (so a prerendered page
// with a new comment is regenerated here too), redirects old CMS addresses listed in `aliases`, and sends
// paths naming no article or listing to the real 404 page (lib/route-exists.ts says why).
import { NextResponse, type NextRequest } from "next/server";
import { pullSharedTags } from "@/lib/cache/shared-tags.cjs";
import { archive } from "@/lib/archive";
import { pageExists } from "@/lib/route-exists";
import { paths } from "@/lib/urls";

/** A path no route matches: Next answers it with app/not-found.tsx, rendered whole, status 404. */
const NOT_FOUND_PATH = "/_portal/not-found";

export async function proxy(request: NextRequest) {
  await pullSharedTags();
  const { pathname, search } = request.nextUrl;
  // Request time, so "now" is this request's: a scheduled article's old address goes live with it.
  const now = Date.now();
  const reader = archive();
  const slug = reader.aliasTarget(`${pathname}${search}`, now);
  if (!slug) {
    if (!pageExists(reader, pathname, now)) return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url));
    return NextResponse.next();
  }
  return NextResponse.redirect(new URL(paths.article(slug), request.url), 308);
}

export const config = {
  // Pages and old addresses; not build assets, photo variants, files from public/ or the API.
  matcher: ["/((?!_next/static|_next/image|api/|img/|images/|banners/|icon|logo|og-default|robots.txt).*)"],
};
