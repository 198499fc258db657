// npm run bench:build [-- --counts 200,2000] — `next build` wall time and peak memory (all processes of the
// build summed) over synthetic articles from content:generate, and the cost per article.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readArgs } from "./lib/args";
import { machineLine, marginalLine } from "./lib/build-timing";

function processGroupRssKb(pgid: number): number {
  try {
    return execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" })
      .split("\n")
      .reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
  } catch {
    return 0;
  }
}

function build(contentDir: string, distDir: string): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npx", ["next", "build"], {
      env: {
        ...process.env,
        CONTENT_DIR: contentDir,
        NEXT_DIST_DIR: distDir,
        DATABASE_URL: path.join(contentDir, "portal.db"),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let peakKb = 0;
    const timer = setInterval(() => (peakKb = Math.max(peakKb, processGroupRssKb(child.pid!))), 250);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`next build failed:\n${output}`));
      else resolve({ ms: performance.now() - started, peakMb: peakKb / 1024 });
    });
  });
}

/** Prerendered pages under `dir` of a build. */
function htmlFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((f) => f.isFile() && f.name.endsWith(".html"))
    .length;
}

async function main() {
  const counts = (readArgs(process.argv.slice(2)).get("counts") ?? "200,2000").split(",").map(Number);
  console.log(machineLine());
  console.log(`PRERENDER_ARTICLES=${process.env.PRERENDER_ARTICLES || "300 (default)"}`);
  const results: { count: number; ms: number }[] = [];
  for (const count of counts) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-build-${count}-`));
    execFileSync("npx", ["tsx", "scripts/content-generate.ts", "--count", String(count), "--out", dir], { stdio: "ignore" });
    const distDir = ".next-bench";
    fs.rmSync(distDir, { recursive: true, force: true });
    const { ms, peakMb } = await build(dir, distDir);
    const articlePages = htmlFiles(path.join(distDir, "server", "app", "articles"));
    const allPages = htmlFiles(path.join(distDir, "server", "app"));
    console.log(
      `${String(count).padStart(5)} articles: next build ${(ms / 1000).toFixed(1)} s, ${(ms / count).toFixed(1)} ms/article, peak memory ${peakMb.toFixed(0)} MB (${allPages} pages prerendered, ${articlePages} of them articles)`,
    );
    results.push({ count, ms });
    fs.rmSync(distDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const marginal = marginalLine(results, "article");
  if (marginal) console.log(marginal);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
