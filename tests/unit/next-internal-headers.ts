// Every request header Next 16.4.6 reads for its own purposes (from dist/lib/constants.js,
// client/components/app-router-headers.js, server/lib/server-ipc/utils.js and the x-* strings of dist/server),
// less the client router's own (RSC, Next-Router-*), which are part of nginx's cache key.
export const NEXT_INTERNAL_HEADERS = [
  "x-middleware-prefetch",
  "x-middleware-rewrite",
  "x-middleware-redirect",
  "x-middleware-set-cookie",
  "x-middleware-skip",
  "x-middleware-override-headers",
  "x-middleware-next",
  "x-middleware-cache",
  "x-middleware-refresh",
  "x-middleware-request-x-test",
  "x-middleware-subrequest",
  "x-now-route-matches",
  "x-matched-path",
  "x-nextjs-data",
  "x-nextjs-matched-path",
  "x-nextjs-rewrite",
  "x-nextjs-redirect",
  "x-nextjs-cache",
  "x-nextjs-prerender",
  "x-nextjs-postponed",
  "x-nextjs-stale-time",
  "x-nextjs-rewritten-path",
  "x-nextjs-rewritten-query",
  "x-nextjs-request-id",
  "x-nextjs-html-request-id",
  "x-nextjs-deployment-id",
  "x-nextjs-action-not-found",
  "x-next-resume-state-length",
  "x-next-cache-tags",
  "x-next-revalidated-tags",
  "x-next-revalidate-tag-token",
  "next-resume",
  "next-url",
  "next-hmr-refresh",
  "next-instant-navigation-testing",
  "x-prerender-revalidate",
  "x-prerender-revalidate-if-generated",
  "x-action-revalidated",
  "x-action-redirect",
  "x-action-forwarded",
  "x-invoke-path",
  "x-invoke-query",
  "x-invoke-output",
  "x-invocation-id",
  "x-deployment-id",
  "x-edge-runtime",
  "x-vercel-cache",
  "x-vercel-protection-bypass",
  "x-forwarded-host",
  "x-forwarded-port",
];

/** A value that makes each header do something if it were honoured. */
export function hostileValue(header: string): string {
  if (header.includes("path") || header.includes("rewrite") || header === "next-url") return "/admin";
  if (header.includes("override-headers")) return "cookie";
  if (header === "x-forwarded-host") return "evil.example";
  if (header === "x-middleware-subrequest") return "proxy:proxy:proxy:proxy:proxy";
  return "1";
}
