// npm run bench:throughput — requests/s of one article page served by the portal (`npm start`: its front
// door, the read model, Cache Components), side by side with the bare blog-starter approach: a plain App
// Router app that prerenders the same article's HTML under `next start`, nothing else. wrk on 127.0.0.1,
// both built here, runs alternated (BENCH_SECONDS each, default 10, three rounds); prints the medians and
// the ratio the issue asks about (#14: >= 0.8x).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readContent } from "@/lib/content";
import { machineLine } from "./lib/build-timing";
import { buildSite, freePort, startServer } from "./lib/next-server";
import { createBareApp } from "./lib/bare-app";
import { median } from "./lib/stats";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const SLUG = "kanagawa-science-park";

/** The blog-starter approach: one dynamic route prerendering the article's title and HTML, no proxy. */
function bareApp(title: string, html: string): string {
  const dir = createBareApp("bare-blog", {
    "next.config.ts": `export default { typescript: { ignoreBuildErrors: true }, experimental: { cpus: 2 } };\n`,
    "article.json": JSON.stringify({ title, html }),
    "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (<html lang="ko"><body>{children}</body></html>);
}\n`,
    "app/posts/[slug]/page.tsx": `import article from "../../../article.json";
export function generateStaticParams() { return [{ slug: "${SLUG}" }]; }
export default function Post() {
  return (<main><article><h1>{article.title}</h1><div dangerouslySetInnerHTML={{ __html: article.html }} /></article></main>);
}\n`,
  });
  const build = spawnSync("npx", ["next", "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`bare app build failed:\n${build.stdout}${build.stderr}`);
  return dir;
}

async function startBare(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return { url, stop: () => process.kill(-child.pid!, "SIGTERM") };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error("the bare app did not start");
}

/**
 * A conditional request that matches no ETag: the portal's microcache never answers it, so every request
 * runs Next's page machinery, as each first request of a second does. Next answers it in full (200).
 */
const THROUGH_NEXT = ["-H", 'If-None-Match: "bench-no-match"'];
/** As nginx asks the app for a browser's page (deploy/nginx.conf.template): gzip, which Next compresses per request. */
const GZIP = ["-H", "Accept-Encoding: gzip"];

/**
 * Every request as another reader's (X-Forwarded-For from many addresses, the portal trusting one hop):
 * one client at full speed is what the per-client limit on cache misses stops (lib/http/client-limits.ts).
 */
const MANY_READERS = ["-s", path.join(import.meta.dirname, "lib", "wrk-readers.lua")];

/** wrk's requests/s and p99 latency (ms) for `url` (2 threads, 32 connections); also checks the answers were 200s. */
function wrk(url: string, extra: string[] = []): { rate: number; p99: number } {
  const out = execFileSync("wrk", ["-t2", "-c32", `-d${SECONDS}s`, "--latency", ...extra, url], { encoding: "utf8" });
  if (/Non-2xx or 3xx responses/.test(out)) throw new Error(`wrk saw errors for ${url}:\n${out}`);
  const [, value = "0", unit = "ms"] = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p99 = Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
  return { rate: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0), p99 };
}

type Run = { rate: number; p99: number };

async function main() {
  console.log(machineLine());
  const article = readContent("content").articles.find((a) => a.slug === SLUG)!;
  const bareDir = bareApp(article.title, article.html);
  const build = buildSite(path.resolve("content"), ".next-bench-throughput");
  if (build.status !== 0) throw new Error(build.output);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-throughput-db-"));
  const portal = await startServer(path.resolve("content"), ".next-bench-throughput", {
    DATABASE_URL: path.join(dbDir, "portal.db"),
    TRUSTED_PROXY_HOPS: "1",
  });
  const bare = await startBare(bareDir);
  try {
    const portalUrl = `${portal.url}/articles/${SLUG}`;
    const bareUrl = `${bare.url}/posts/${SLUG}`;
    const sizes = await Promise.all([portalUrl, bareUrl].map(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength));
    for (const u of [portalUrl, bareUrl]) wrk(u, MANY_READERS); // warm both
    const runs = {
      portal: [] as Run[],
      throughNext: [] as Run[],
      bare: [] as Run[],
      throughNextGzip: [] as Run[],
      bareGzip: [] as Run[],
    };
    for (let round = 0; round < 3; round++) {
      runs.portal.push(wrk(portalUrl, MANY_READERS));
      runs.throughNext.push(wrk(portalUrl, [...MANY_READERS, ...THROUGH_NEXT]));
      runs.bare.push(wrk(bareUrl));
      runs.throughNextGzip.push(wrk(portalUrl, [...MANY_READERS, ...THROUGH_NEXT, ...GZIP]));
      runs.bareGzip.push(wrk(bareUrl, GZIP));
    }
    const rate = (list: Run[]) => median(list.map((r) => r.rate));
    const p99 = (list: Run[]) => median(list.map((r) => r.p99));
    const row = (name: string, bytes: number | undefined, list: Run[]) =>
      `| ${name} | ${bytes} | ${rate(list).toFixed(0)} | ${p99(list).toFixed(1)} | ${list.map((r) => r.rate.toFixed(0)).join(", ")} |`;
    console.log(
      `\n| server | page bytes | requests/s (median of 3 × ${SECONDS} s) | p99 ms (median) | runs |\n|---|---|---|---|---|`,
    );
    console.log(row("portal (npm start)", sizes[0], runs.portal));
    console.log(row("portal, every request through Next (no microcache)", sizes[0], runs.throughNext));
    console.log(row("bare blog-starter app (next start)", sizes[1], runs.bare));
    console.log(row("portal through Next, gzip asked", sizes[0], runs.throughNextGzip));
    console.log(row("bare app, gzip asked", sizes[1], runs.bareGzip));
    const bareRate = rate(runs.bare);
    console.log(
      `\nportal / bare: ${(rate(runs.portal) / bareRate).toFixed(2)}x; through Next / bare: ${(rate(runs.throughNext) / bareRate).toFixed(2)}x` +
        `; p99 through Next / bare: ${(p99(runs.throughNext) / p99(runs.bare)).toFixed(2)}x` +
        `; with gzip, through Next / bare: ${(rate(runs.throughNextGzip) / rate(runs.bareGzip)).toFixed(2)}x`,
    );
  } finally {
    bare.stop();
    await portal.stop();
    fs.rmSync(bareDir, { recursive: true, force: true });
    fs.rmSync(dbDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
