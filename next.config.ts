import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Live counts and comments are cached components invalidated by tag (see README, "Caching").
  cacheComponents: true,
  partialPrefetching: true,
  // Lets the build test and benchmarks build into their own folder without touching .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
