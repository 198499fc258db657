import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Links are plain <a> on purpose: readers move between prerendered, HTTP-cached pages with full loads,
    // and the page hydrates no router links or viewport prefetching (docs/architecture.md: "Links are plain").
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([".next/**", ".next-*/**", "out/**", "test-results/**", "next-env.d.ts"]),
]);
