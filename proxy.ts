// Old CMS addresses listed in articles' `aliases` answer with a permanent redirect to the article.
import { NextResponse, type NextRequest } from "next/server";
import { aliasTarget } from "@/lib/catalog";
import { loadContent } from "@/lib/content";
import { paths } from "@/lib/urls";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Request time, so "now" is this request's: a scheduled article's old address goes live with it.
  const slug = aliasTarget(loadContent(), `${pathname}${search}`, Date.now());
  if (!slug) return NextResponse.next();
  return NextResponse.redirect(new URL(paths.article(slug), request.url), 308);
}

export const config = {
  // Our own assets and routes are never old CMS addresses; everything else may be.
  matcher: [
    "/((?!_next/|api/|images/|banners/|feeds/|articles/|sections/|tags/|series/|authors/|search|icon|logo|robots.txt|sitemap|news-sitemap).*)",
  ],
};
