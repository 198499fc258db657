// lib/search/search-thread.ts as one CommonJS text a worker thread runs from memory (SearchThreads):
// bundled by esbuild in a process of its own, as npm start bundles the server (scripts/start.mjs), so
// the serving process carries no TypeScript loader. Packages stay external and resolve from the
// project's node_modules (the server's working folder).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export function searchThreadCode(root: string = process.cwd()): string {
  const esbuild = createRequire(path.join(root, "package.json")).resolve("esbuild/bin/esbuild");
  const built = spawnSync(
    esbuild,
    [
      "lib/search/search-thread.ts",
      "--bundle",
      "--platform=node",
      "--format=cjs",
      "--target=node24",
      "--packages=external",
      "--log-level=warning",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (built.status !== 0) throw new Error(`lib/search/search-thread.ts did not compile: ${built.stderr}`);
  return built.stdout;
}
