// TypeScript entry points run without a TypeScript loader in the running process: tsx's loader keeps a
// worker thread and esbuild's service alive for the life of the process, about 35 MB of every instance's
// memory (BENCHMARKS.md, "Archive"). Here esbuild, in a process of its own that exits, bundles the entry
// and the code it imports (packages stay external) into memory, and the process runs plain JavaScript.
// Used by npm start (scripts/start.mjs), the server's search threads and scripts/run.mjs.
import { spawnSync } from "node:child_process";
import Module, { createRequire } from "node:module";
import path from "node:path";

/** `entry` (relative to `root`) and what it imports, as one CommonJS text; throws with esbuild's message. */
export function bundleForNode(entry, root = process.cwd()) {
  const esbuild = createRequire(path.join(root, "package.json")).resolve("esbuild/bin/esbuild");
  const built = spawnSync(
    esbuild,
    [entry, "--bundle", "--platform=node", "--format=cjs", "--target=node24", "--packages=external", "--log-level=warning"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  if (built.stderr) process.stderr.write(built.stderr);
  if (built.status !== 0) throw new Error(`${entry} did not compile`);
  return built.stdout;
}

/**
 * Runs `entry` bundled, in this process. Compiled as if it were a file beside the entry (none is written):
 * its packages resolve from the project's node_modules, as they would for the entry itself. _compile and
 * _nodeModulePaths are how CommonJS loads any file; using them directly saves writing one into a folder a
 * hardened unit may not let us write.
 */
export function runBundled(entry) {
  let code;
  try {
    code = bundleForNode(entry);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const filename = path.resolve(entry.replace(/\.ts$/, ".bundle.cjs"));
  const bundle = new Module(filename);
  bundle.filename = filename;
  bundle.paths = Module._nodeModulePaths(path.dirname(filename));
  bundle._compile(code, filename);
}
