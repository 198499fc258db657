import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";
import { startBuildSnapshot } from "./lib/content/build-snapshot";
import { SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Live counts and comments are cached components invalidated by tag (docs/architecture.md: "Why the live parts are cached").
  cacheComponents: true,
  // Photos are made by lib/images at build (docs/architecture.md, "lib/images/: photos"); Next's optimizer endpoint,
  // /_next/image, which would decode and resize on any visitor's request, answers 404.
  images: { unoptimized: true },
  // Off: with it, an unknown slug gets the shared shell with status 200 and a streamed "not found".
  // Without it, an unlisted path renders before the response starts, so notFound() answers a real 404.
  partialPrefetching: false,
  // Lets the build test and benchmarks build into their own folder without touching .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Shares tag invalidations between instances through Redis when REDIS_URL is set (see the file).
  cacheHandlers: { default: path.resolve("lib/cache/shared-tag-handler.cjs") },
  // Server-only libraries loaded by Node from node_modules instead of bundled: Turbopack no longer compiles
  // the hundreds of small ESM modules behind remark and zod for every route bundle. Compiling went from
  // ~28 s to ~18 s, and a 2,000-article build from 78 s to 54 s (BENCHMARKS.md, "Build").
  serverExternalPackages: [
    "remark",
    "remark-gfm",
    "remark-html",
    "hast-util-sanitize",
    "mdast-util-to-string",
    "gray-matter",
    "yaml",
    "zod",
    "feed",
    "kysely",
    "image-size",
    "iconv-lite",
  ],
  poweredByHeader: false,
  // The portal's server compresses (server/portal-server.ts): Next's own compression is zlib's default
  // level, twice the time of level 4 on an article page for 3 % fewer bytes (BENCHMARKS.md, "Where a page's
  // time goes"). `next dev` compresses nothing then, which a development server needs no more than before.
  compress: false,
  // `npm run typecheck` checks types in CI and before every commit; repeating it inside every build (and
  // every benchmark and test build) costs ~18 s each on these machines.
  typescript: { ignoreBuildErrors: true },
  // Two prerender workers on two cores (Next's default leaves one idle).
  // Links are plain <a> (full page loads of cached HTML, no client router prefetching), so the per-page
  // prefetch-size hints Next computes at build time (a gzip of every segment of every page) serve nothing.
  experimental: { cpus: 2, prefetchInlining: false },
  reactStrictMode: true,
};

export default function config(phase: string): NextConfig {
  // The build's workers share one parse of content/ (lib/content/build-snapshot.ts).
  if (phase === PHASE_PRODUCTION_BUILD) startBuildSnapshot();
  // The security headers: in production the portal's server sets them on every answer (server/portal-server.ts),
  // before Next runs; a headers() rule here made Next match and compile its path pattern on every request
  // (BENCHMARKS.md, "Where a page's time goes"). `next dev` has no portal server, so it gets them from Next.
  if (phase === PHASE_DEVELOPMENT_SERVER)
    return { ...nextConfig, headers: async () => [{ source: "/:path*", headers: SECURITY_HEADERS }] };
  return nextConfig;
}
