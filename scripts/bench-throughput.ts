// npm run bench:throughput — requests/s of one article page served by the portal (`npm start`: its front
// door, the read model, Cache Components), side by side with the bare blog-starter approach: a plain App
// Router app that prerenders the same article's HTML under `next start`, nothing else. wrk on 127.0.0.1,
// both built here, runs alternated (BENCH_SECONDS each, default 10, three rounds); prints the medians and
// the ratio the issue asks about (#14: >= 0.8x). Then a page longer than V8's largest ordinary string
// (content/ plus a benchmark-only article of the Kanagawa text twice, in a temp folder) beside the
// Kanagawa page of the same build, both through Next: near rates say a long page still reaches the
// socket as bytes (lib/http/response-chunks.ts); a long page at a third of the other's, that it does not.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { machineLine } from "./lib/build-timing";
import { servePortal, servePortalAndPeer } from "./lib/portal-and-peer";
import { median } from "./lib/stats";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const SLUG = "kanagawa-science-park";

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

/** The benchmark-only article of the long-page rows: the Kanagawa article's text twice, no old addresses. */
const LONG_SLUG = "bench-long-page";

/** A temp copy of content/ with LONG_SLUG added; the caller removes it. */
function contentWithLongPage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-long-content-"));
  fs.cpSync("content", dir, { recursive: true });
  const source = fs.readFileSync(path.join("content", "articles", `${SLUG}.md`), "utf8");
  const end = source.indexOf("\n---", 4) + 4;
  const frontmatter = source.slice(0, end).replace(/\naliases:\n(?: {2}- .*\n)+/, "\n");
  const body = source.slice(end);
  fs.writeFileSync(path.join(dir, "articles", `${LONG_SLUG}.md`), `${frontmatter}${body}\n\n${body}`);
  return dir;
}

/** Through Next, three alternated runs each: a page past V8's string limit and the Kanagawa page of one build. */
async function longPageRows(): Promise<void> {
  const contentDir = contentWithLongPage();
  const portal = await servePortal(".next-bench-throughput-long", { TRUSTED_PROXY_HOPS: "1" }, contentDir);
  try {
    const pages = { long: `${portal.url}/articles/${LONG_SLUG}`, article: `${portal.url}/articles/${SLUG}` };
    const sizes = await Promise.all(Object.values(pages).map(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength));
    for (const u of Object.values(pages)) wrk(u, [...MANY_READERS, ...THROUGH_NEXT]); // warm both
    const runs = { long: [] as Run[], article: [] as Run[] };
    for (let round = 0; round < 3; round++) {
      runs.long.push(wrk(pages.long, [...MANY_READERS, ...THROUGH_NEXT]));
      runs.article.push(wrk(pages.article, [...MANY_READERS, ...THROUGH_NEXT]));
    }
    const rate = (list: Run[]) => median(list.map((r) => r.rate));
    const row = (name: string, bytes: number | undefined, list: Run[]) =>
      `| ${name} | ${bytes} | ${rate(list).toFixed(0)} | ${median(list.map((r) => r.p99)).toFixed(1)} | ${list.map((r) => r.rate.toFixed(0)).join(", ")} |`;
    console.log(
      `\n| through Next, one build | page bytes | requests/s (median of 3 × ${SECONDS} s) | p99 ms (median) | runs |\n|---|---|---|---|---|`,
    );
    console.log(row("a page past V8's largest ordinary string", sizes[0], runs.long));
    console.log(row("the Kanagawa article", sizes[1], runs.article));
    console.log(
      `\nlong page / article: ${(rate(runs.long) / rate(runs.article)).toFixed(2)}x the rate for ${(sizes[0]! / sizes[1]!).toFixed(2)}x the bytes`,
    );
  } finally {
    await portal.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(machineLine());
  const servers = await servePortalAndPeer(SLUG, ".next-bench-throughput", { TRUSTED_PROXY_HOPS: "1" });
  try {
    const { portal: portalUrl, peer: bareUrl } = servers;
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
    await servers.stop();
  }
  await longPageRows();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
