// npm start: runs scripts/start.ts without a TypeScript loader in the serving process. tsx's loader keeps a
// worker thread and esbuild's service alive for the life of the process, about 35 MB of every instance's
// memory (BENCHMARKS.md, "Archive"). Here esbuild, in a process of its own that exits, bundles start.ts and
// the code it imports (packages stay external) into memory, and this process runs plain JavaScript.
import { spawnSync } from "node:child_process";
import Module, { createRequire } from "node:module";
import path from "node:path";

const esbuild = createRequire(import.meta.url).resolve("esbuild/bin/esbuild");
const built = spawnSync(
  esbuild,
  [
    "scripts/start.ts",
    "--bundle",
    "--platform=node",
    "--format=cjs",
    "--target=node24",
    "--packages=external",
    "--log-level=warning",
  ],
  { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
);
if (built.status !== 0) {
  console.error("npm start: scripts/start.ts did not compile");
  process.exit(built.status ?? 1);
}
// Compiled as if it were a file in scripts/ (none is written): its packages resolve from the project's
// node_modules, as they would for start.ts itself. _compile and _nodeModulePaths are how CommonJS loads
// any file; using them directly saves writing one into a folder a hardened unit may not let us write.
const filename = path.resolve("scripts/start.bundle.cjs");
const bundle = new Module(filename);
bundle.filename = filename;
bundle.paths = Module._nodeModulePaths(path.dirname(filename));
bundle._compile(built.stdout, filename);
