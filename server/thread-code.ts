// The server's worker threads' code, each entry and what it imports as one CommonJS text a worker runs from
// memory, bundled as npm start bundles the server (server/bundle.mjs).
import { bundleForNode } from "./bundle.mjs";

/** lib/archive/search-thread.ts, for SearchThreads. */
export const searchThreadCode = (root: string = process.cwd()): string => bundleForNode("lib/archive/search-thread.ts", root);

/** lib/archive/postgres/sync-thread.ts, for syncBeforeServing (lib/archive/index.ts). */
export const syncThreadCode = (root: string = process.cwd()): string =>
  bundleForNode("lib/archive/postgres/sync-thread.ts", root);
