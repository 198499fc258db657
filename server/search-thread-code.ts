// lib/archive/search-thread.ts as one CommonJS text a worker thread runs from memory (SearchThreads),
// bundled as npm start bundles the server (server/bundle.mjs).
import { bundleForNode } from "./bundle.mjs";

export const searchThreadCode = (root: string = process.cwd()): string => bundleForNode("lib/archive/search-thread.ts", root);
