// npm run bench:archive [-- --count 20000] — the archive at N generated articles, end to end, served from
// SQLite (the build's file) and from PostgreSQL (synced at start):
// content:check (no cache, then after one change), `npm run build` (cold, then after one change: an update
// of the cold build's read model) with peak memory, start to first answer, resident memory after 1,000
// mixed requests, first render of old articles and of the deepest listing page, and search latency per
// query class over HTTP. The figures issue #14 asks to bring flat (BENCHMARKS.md, "Archive": before and
// after the read model). Not part of CI.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readArgs } from "./lib/args";
import { machineLine } from "./lib/build-timing";
import { startServer } from "./lib/next-server";
import { scratchDatabase } from "./lib/scratch-database";

const count = Number(readArgs(process.argv.slice(2)).get("count") ?? 2000);
/** Nearest rank: the smallest value at least p % of the values are at or below (p99 of 100: the 99th). */
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((values.length * p) / 100) - 1)]!;
const ms = (value: number) => `${Math.round(value)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function groupRssKb(pgid: number): number {
  const ps = spawnSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return ps.stdout.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
}

/** Runs a command in its own process group; wall time and the group's peak resident memory. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, groupRssKb(child.pid!))), 250);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} failed:\n${output.slice(-4000)}`));
      else resolve({ ms: performance.now() - started, peakMb: peak / 1024 });
    });
  });
}

async function get(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function touch(file: string) {
  fs.appendFileSync(file, "\n한 문장을 더했다.\n");
}

/** Starts the server on the build and measures what readers wait for; the first row is start to first answer. */
async function serve(dir: string, slugs: string[], serverEnv: Record<string, string>): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const count = slugs.length;
  const started = performance.now();
  const server = await startServer(dir, ".next-bench-archive", serverEnv);
  rows.push(["start to first answer", seconds(performance.now() - started)]);
  try {
    // Old articles: the build prerendered the newest 300; these render on their first request.
    const old = slugs.filter((_, i) => i % Math.max(1, Math.floor(slugs.length / 25)) === 0).slice(0, 20);
    const firstRenders = [];
    for (const slug of old) firstRenders.push((await get(`${server.url}/articles/${slug}`)).ms);
    rows.push([
      "first render of an old article, p50 / max (20)",
      `${ms(percentile(firstRenders, 50))} / ${ms(Math.max(...firstRenders))}`,
    ]);
    const society = Math.ceil(count / 6 / 20);
    let deep = { ms: 0, status: 404 };
    for (let page = society + 3; page > 1 && deep.status === 404; page--)
      deep = await get(`${server.url}/sections/society/page/${page}`);
    rows.push(["deepest listing page, first render", `${ms(deep.ms)} (status ${deep.status})`]);

    const classes: Record<string, string[]> = {
      "one character": ["강", "시", "도", "클", "R"],
      "two characters": ["충북", "오창", "산업", "지역", "과학"],
      "three or more": ["클러스터", "사이언스", "혁신클러스터", "가나가와", "체육회"],
      // Longer terms whose grams are common: written across words (클러스터 사업), or in no article at all.
      "three or more, across words or absent": ["클러스터사업", "사이언스파크", "지역경제", "기술지역", "과학기술원"],
      "two terms": ["오창 클러스터", "과학 기술", "지역 경제", "충북 체육", "산학 연계"],
      "Latin, any case": ["ksp", "KAST", "R&D", "ins", "Kanagawa"],
    };
    const first = await get(`${server.url}/api/search?q=${encodeURIComponent("첫검색")}`);
    rows.push(["first search after start", ms(first.ms)]);
    // Steady state: one round first, not timed, reads each class's posting lists into memory (the first
    // search after start, timed above, is the cold case); then 100 timed searches, whose p99 is not their
    // single slowest.
    for (const [name, queries] of Object.entries(classes)) {
      const times: number[] = [];
      for (const q of queries) await get(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
      for (let round = 0; round < 20; round++)
        for (const q of queries) times.push((await get(`${server.url}/api/search?q=${encodeURIComponent(q)}`)).ms);
      rows.push([
        `search: ${name}, p50 / p99 / max (100)`,
        `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))} / ${ms(Math.max(...times))}`,
      ]);
    }

    // 1,000 mixed requests, then the server's resident memory (every process of `npm start`).
    const mixed = [
      ...slugs.slice(0, 600).map((s) => `/articles/${s}`),
      ...Array.from(
        { length: 200 },
        (_, i) => `/sections/${["politics", "economy", "society", "culture", "sports", "opinion"][i % 6]}/page/${1 + (i % 5)}`,
      ),
      ...Array.from({ length: 200 }, (_, i) => `/api/search?q=${encodeURIComponent(["충북", "클러스터", "과학", "강"][i % 4]!)}`),
    ];
    for (let i = 0; i < mixed.length; i += 10) await Promise.all(mixed.slice(i, i + 10).map((p) => get(server.url + p)));
    const pid = Number(
      spawnSync("fuser", [`${new URL(server.url).port}/tcp`], { encoding: "utf8" })
        .stdout.trim()
        .split(/\s+/)[0],
    );
    const rss = Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    rows.push(["resident memory after 1,000 mixed requests (the serving process)", `${Math.round(rss / 1024)} MB`]);
  } finally {
    await server.stop();
  }
  return rows;
}

async function main() {
  console.log(machineLine());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-archive-${count}-`));
  spawnSync("npx", ["tsx", "scripts/content-generate.ts", "--count", String(count), "--out", dir], { stdio: "ignore" });
  const files = fs.readdirSync(path.join(dir, "articles")).sort();
  const env = {
    ...process.env,
    CONTENT_DIR: dir,
    NEXT_DIST_DIR: ".next-bench-archive",
    DATABASE_URL: path.join(dir, "portal.db"),
    IMAGE_CACHE_DIR: path.join(dir, ".img"),
  };
  const rows: [string, string][] = [];

  const checkCold = await timed("npx", ["tsx", "scripts/content-check.ts"], env);
  touch(path.join(dir, "articles", files[7]!));
  const checkOne = await timed("npx", ["tsx", "scripts/content-check.ts"], env);
  rows.push(["content:check, no parse cache yet", `${seconds(checkCold.ms)}, ${Math.round(checkCold.peakMb)} MB`]);
  rows.push(["content:check after one change", `${seconds(checkOne.ms)}, ${Math.round(checkOne.peakMb)} MB`]);

  // Cold: no earlier build in the slot, whose read model the build would otherwise update.
  for (const leftover of [".next-bench-archive", ".next-bench-archive-builds", ".next-bench-archive-staging"])
    fs.rmSync(leftover, { recursive: true, force: true });
  const build = await timed("npm", ["run", "build"], env);
  rows.push(["npm run build (cold)", `${seconds(build.ms)}, peak ${Math.round(build.peakMb)} MB`]);

  // The server as production runs it: with the heap cap of deploy/systemd/portal@.service.
  const nodeOptions =
    /^Environment=NODE_OPTIONS=(.*)$/m.exec(fs.readFileSync("deploy/systemd/portal@.service", "utf8"))?.[1] ?? "";
  const slugs = files.map((f) => f.replace(/\.md$/, ""));
  const serverEnv = (databaseUrl: string) => ({
    IMAGE_CACHE_DIR: env.IMAGE_CACHE_DIR,
    DATABASE_URL: databaseUrl,
    NODE_OPTIONS: nodeOptions,
  });
  const sqliteRows = await serve(dir, slugs, serverEnv(env.DATABASE_URL));
  // Printed now too: a long run's PostgreSQL half may fail after the SQLite half's figures are in.
  for (const [measure, figure] of [...rows, ...sqliteRows]) console.log(`SQLite | ${measure} | ${figure}`);

  // PostgreSQL: the first start syncs the whole build into an empty database; after one article changes
  // and the site is rebuilt, the next start syncs that one article.
  const database = await scratchDatabase("bench_archive");
  const postgresUrl = database.url;
  let postgresRows: [string, string][] = [];
  let coldSync = "";
  try {
    const coldStart = performance.now();
    const cold = await startServer(dir, ".next-bench-archive", serverEnv(postgresUrl), process.cwd(), 3_600_000);
    coldSync = seconds(performance.now() - coldStart);
    await cold.stop();

    touch(path.join(dir, "articles", files[8]!));
    const rebuild = await timed("npm", ["run", "build"], env);
    rows.push(["npm run build after one change", `${seconds(rebuild.ms)}, peak ${Math.round(rebuild.peakMb)} MB`]);
    postgresRows = await serve(dir, slugs, serverEnv(postgresUrl));
  } finally {
    await database.drop();
  }

  console.log(`\n${count} generated articles, server NODE_OPTIONS="${nodeOptions}"\n\n| measure | figure |\n|---|---|`);
  for (const [measure, figure] of rows) console.log(`| ${measure} | ${figure} |`);
  console.log("\n| serving | SQLite (the build's file) | PostgreSQL (synced at start) |\n|---|---|---|");
  console.log(`| start to first answer, syncing the whole archive into an empty database | | ${coldSync} |`);
  sqliteRows.forEach(([measure, figure], i) =>
    console.log(
      `| ${i === 0 ? `${measure} (PostgreSQL: syncing the one changed article)` : measure} | ${figure} | ${postgresRows[i]?.[1] ?? ""} |`,
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
