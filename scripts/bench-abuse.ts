// npm run bench:abuse [-- --attack-app] [-- --count N] [-- --engine sqlite|postgres] [-- --only a,b] — one anonymous client
// attacks a production build behind nginx at full speed, one scenario after another (BENCH_SECONDS each,
// default 10), while a reader reads the home page and an article. Per scenario it prints the reader's
// cache-hit ratio, p50/p99 (against an idle run first), its answers that were not 200, bytes of non-HTML
// answers and blank or foreign pages, the server's event-loop delay (p99 and max of its one-second
// reports), the nginx cache on disk against its max_size, rows the attack wrote, and acknowledged writes
// lost. The attacker is wrk (Debian's package) in its own process, so it does not slow the reader.
// nginx's limits answer most attack requests itself; `--attack-app` sends the attack to the app's port
// instead (the reader still reads through nginx), to show the app's own rules hold. `--count N` serves N
// generated articles instead of the real three; `--engine postgres` serves them (and comments) from
// PostgreSQL. The slow-search scenarios send the worst queries tests/unit/search-budget.cases.json keeps
// and queries of one to ten words drawn from the archive's own text.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { openDatabase, type Db } from "@/lib/db";
import { engagementService } from "@/lib/engagement/service";
import { buildSite, freePort, startServer } from "./lib/next-server";
import { startNginx } from "./lib/nginx";
import { readArgs } from "./lib/args";
import { generatedQueries } from "./lib/generated-queries";
import { scratchDatabase } from "./lib/scratch-database";
import { median } from "./lib/stats";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const REAL_SLUG = "kanagawa-science-park";
/** The article the reader reads and the attacks aim at, and words its page must hold (set in main). */
let SLUG = REAL_SLUG;
let TITLE = "가나가와 사이언스 파크";

type ReaderFigures = {
  requests: number;
  hits: number;
  p50: number;
  p99: number;
  nonHtmlBytes: number;
  blank: number;
  not200: number;
};

/**
 * The reader's connections come from 127.0.0.2, the attacker's (wrk) from 127.0.0.1: two clients, as in
 * life, so a limit on the attacker is not taken for one on the reader.
 */
const readerAgent = new http.Agent({ keepAlive: true, localAddress: "127.0.0.2" });

/** A GET from the reader's address, taking gzip as browsers do: status, headers and the body, decoded. */
function readerGet(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: readerAgent, headers: { "accept-encoding": "gzip, deflate, br, zstd" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const body = (response.headers["content-encoding"] === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      })
      .on("error", reject);
  });
}

/** Reads / and the article in turn until `until`, one request at a time, as a reader's browser would. */
async function readLoop(base: string, until: () => boolean): Promise<ReaderFigures> {
  const times: number[] = [];
  const figures = { requests: 0, hits: 0, nonHtmlBytes: 0, blank: 0, not200: 0 };
  for (let i = 0; !until(); i++) {
    const pathname = i % 2 ? `/articles/${SLUG}` : "/";
    const started = performance.now();
    const got = await readerGet(base + pathname);
    const response = { status: got.status, headers: { get: (name: string) => String(got.headers[name] ?? "") } };
    const body = got.body;
    times.push(performance.now() - started);
    figures.requests++;
    if (response.status !== 200) figures.not200++;
    if (response.headers.get("x-cache") === "HIT") figures.hits++;
    if (!(response.headers.get("content-type") ?? "").includes("text/html")) figures.nonHtmlBytes += Buffer.byteLength(body);
    const whole = response.status === 200 && /^<!DOCTYPE html>/i.test(body) && body.trimEnd().endsWith("</html>");
    if (!whole || (pathname !== "/" && !body.includes(TITLE))) figures.blank++;
  }
  times.sort((a, b) => a - b);
  return { ...figures, p50: median(times), p99: times[Math.floor(times.length * 0.99)] ?? 0 };
}

type Attack = { name: string; run: (base: string, seconds: number) => Promise<Record<string, number>> };

/** wrk with a Lua script; answers a count per HTTP status. */
function wrk(
  url: string,
  seconds: number,
  lua: string,
  headers: string[] = [],
  connections = 16,
): Promise<Record<string, number>> {
  const script = path.join(os.tmpdir(), `bench-abuse-${process.pid}.lua`);
  fs.writeFileSync(
    script,
    // response() runs in each thread's Lua state and done() in the main one: done() reads the threads' tallies.
    `${lua}\nlocal threads = {}\nfunction setup(thread) table.insert(threads, thread) end\nstatuses = {}\n` +
      `function response(status) statuses[status] = (statuses[status] or 0) + 1 end\n` +
      `function done() local total = {} for _, t in ipairs(threads) do for s, n in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + n end end ` +
      `local parts = {} for s, n in pairs(total) do table.insert(parts, s .. "=" .. n) end print("STATUSES " .. table.concat(parts, ",")) end\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", [
      "-t1",
      `-c${connections}`,
      `-d${seconds}s`,
      "-s",
      script,
      ...headers.flatMap((h) => ["-H", h]),
      url,
    ]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", () => {
      const line = out.match(/STATUSES (.*)/)?.[1] ?? "";
      resolve(
        Object.fromEntries(
          line
            .split(",")
            .filter(Boolean)
            .map((p) => p.split("=") as [string, string])
            .map(([s, n]) => [s, Number(n)]),
        ),
      );
    });
  });
}

const json = (body: string) =>
  `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}`;

/** A Lua request function sending GET `paths` in turn (a Lua array literal of strings), with `headers` (Lua). */
const cycling = (paths: string[], headers = "{}") =>
  `local paths = {${paths.map((p) => JSON.stringify(p)).join(",")}}\nlocal n = 0\n` +
  `request = function()\n  n = n + 1\n  return wrk.format("GET", paths[(n % #paths) + 1], ${headers})\nend`;
/** A Lua request function sending GET `path` with a random suffix or header each time (Lua expressions). */
const randomized = (pathExpression: string, headers = "{}") =>
  `math.randomseed(os.time())\nrequest = function()\n  return wrk.format("GET", ${pathExpression}, ${headers})\nend`;

/** The slowest queries kept by the search tests, and queries of one to ten words of the archive's text. */
function slowQueries(contentDir: string): string[] {
  const kept = (JSON.parse(fs.readFileSync("tests/unit/search-budget.cases.json", "utf8")) as { queries: string[] }).queries;
  const texts = fs
    .readdirSync(path.join(contentDir, "articles"))
    .slice(0, 200)
    .map((file) => fs.readFileSync(path.join(contentDir, "articles", file), "utf8").replace(/^---[\s\S]*?\n---\n/, ""));
  const generated = generatedQueries(texts, 300);
  return [...kept, ...generated];
}

function attacks(commentId: number, queries: string[]): Attack[] {
  const searches = queries.flatMap((q) => [
    `/search?q=${encodeURIComponent(q)}`,
    `/api/search?q=${encodeURIComponent(q)}&limit=5`,
  ]);
  return [
    // The attacker's own cost to the machine, the baseline for the rest: nginx serving a plain file at
    // full speed takes CPU from the reader on two cores without the app doing anything.
    { name: "static file (baseline)", run: (base, s) => wrk(`${base}/static-baseline.html`, s, "") },
    { name: "slow searches", run: (base, s) => wrk(`${base}/search`, s, cycling(searches)) },
    {
      name: "distinct searches x64",
      run: (base, s) =>
        wrk(`${base}/search`, s, randomized(`"/search?q=" .. math.random(1, 1e9) .. "%20%EA%B8%B0%EC%97%85"`), [], 64),
    },
    {
      name: "random query strings",
      run: (base, s) => wrk(`${base}/articles/${SLUG}`, s, randomized(`"/articles/${SLUG}?utm=" .. math.random(1, 1e9)`)),
    },
    {
      name: "random Host",
      run: (base, s) =>
        wrk(`${base}/`, s, randomized(`"/articles/${SLUG}"`, `{Host = "h" .. math.random(1, 1e9) .. ".example"}`)),
    },
    {
      name: "Accept-Encoding",
      run: (base, s) =>
        wrk(`${base}/`, s, randomized(`"/articles/${SLUG}"`, `{["Accept-Encoding"] = "gzip, x" .. math.random(1, 1e9)}`)),
    },
    {
      name: "router state trees",
      run: (base, s) =>
        wrk(`${base}/`, s, randomized(`"/articles/${SLUG}"`, `{["Next-Router-State-Tree"] = "t" .. math.random(1, 1e9)}`)),
    },
    {
      name: "forged admin cookie",
      run: (base, s) =>
        wrk(`${base}/`, s, randomized(`"/articles/${SLUG}"`, `{Cookie = "admin_session=" .. math.random(1, 1e9)}`)),
    },
    { name: "/admin flood", run: (base, s) => wrk(`${base}/admin`, s, "") },
    {
      name: "//[ paths",
      run: (base, s) => wrk(`${base}/`, s, randomized(`"//[" .. math.random(1, 1e9)`)),
    },
    { name: "share spam", run: (base, s) => wrk(`${base}/api/articles/${SLUG}/shares`, s, json("{}")) },
    {
      name: "comment spam",
      run: (base, s) =>
        wrk(
          `${base}/api/articles/${SLUG}/comments`,
          s,
          `local n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, '{"nickname":"spam","password":"pass1234","body":"spam ' .. n .. '"}')\nend`,
        ),
    },
    { name: "report spam", run: (base, s) => wrk(`${base}/api/comments/${commentId}/report`, s, json("")) },
    {
      name: "password guessing",
      run: (base, s) =>
        wrk(
          `${base}/api/comments/${commentId}`,
          s,
          `local n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format("DELETE", nil, {["Content-Type"] = "application/json"}, '{"password":"guess' .. n .. '"}')\nend`,
        ),
    },
    {
      name: "Next-internal headers",
      run: (base, s) =>
        wrk(`${base}/articles/${SLUG}`, s, "", [
          "x-middleware-prefetch: 1",
          "x-nextjs-data: 1",
          "next-url: /admin",
          "rsc: 1",
          "next-router-prefetch: 1",
        ]),
    },
    {
      // Readers who leave before their answer: each search waits its turn (lib/http/client-limits.ts) and
      // its connection closes while it waits; every turn must come back (before, each held one for good).
      name: "searches left early",
      run: (base, s) => leaveEarly(`${base}/search?q=`, s),
    },
    {
      name: "50 MB chunked bodies",
      run: (base, s) => {
        const result = spawnSync(
          "bash",
          [
            "-c",
            `end=$((SECONDS+${s})); while [ $SECONDS -lt $end ]; do head -c 50M /dev/zero | curl -s -o /dev/null -w "%{http_code}\\n" -X POST -H "Transfer-Encoding: chunked" -H "Content-Type: application/json" --data-binary @- ${base}/api/articles/${SLUG}/comments; done`,
          ],
          { encoding: "utf8" },
        );
        const counts: Record<string, number> = {};
        for (const code of result.stdout.split("\n").filter(Boolean)) counts[code] = (counts[code] ?? 0) + 1;
        return Promise.resolve(counts);
      },
    },
  ];
}

/**
 * Sixteen clients at full speed, each asking `prefix` + a random search and closing the connection after
 * 20 ms, answered or not; answers a count per status ("000": left before the answer).
 */
function leaveEarly(prefix: string, seconds: number): Promise<Record<string, number>> {
  const loop = `end=$((SECONDS+${seconds})); while [ $SECONDS -lt $end ]; do curl -s -o /dev/null -m 0.02 -w "%{http_code}\\n" "${prefix}%ED%81%B4%EB%9F%AC%EC%8A%A4%ED%84%B0+$RANDOM$RANDOM"; done`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `for i in $(seq 16); do (${loop}) & done; wait`]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", () => {
      const counts: Record<string, number> = {};
      for (const code of out.split("\n").filter(Boolean)) counts[code] = (counts[code] ?? 0) + 1;
      resolve(counts);
    });
  });
}

type Rows = { comments: number; shares: number; reports: number; passwordFailures: number };

async function rows(db: Db): Promise<Rows> {
  const count = async (table: string) =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)).rows[0]!.n);
  const shares = await db.kysely
    .selectFrom("article_counters")
    .select("shares")
    .where("article_slug", "=", SLUG)
    .executeTakeFirst();
  return {
    comments: await count("comments"),
    shares: Number(shares?.shares ?? 0),
    reports: await count("comment_reports"),
    passwordFailures: await count("password_failures"),
  };
}

/**
 * The worst p99 and max of the server's event-loop reports in `log` (EVENT_LOOP_REPORT_MS lines), and the
 * longest garbage-collection pause they saw (V8's share of the delay).
 */
function eventLoop(log: string): { p99: number; max: number; gc: number } {
  const reports = [...log.matchAll(/event-loop-delay p50=[\d.]+ p99=([\d.]+) max=([\d.]+)(?: gc-max=([\d.]+))?/g)];
  return {
    p99: Math.max(0, ...reports.map((m) => Number(m[1]))),
    max: Math.max(0, ...reports.map((m) => Number(m[2]))),
    gc: Math.max(0, ...reports.map((m) => Number(m[3] ?? 0))),
  };
}

/** Bytes under `dir` (nginx's cache). */
const diskBytes = (dir: string) => Number(spawnSync("du", ["-sb", dir], { encoding: "utf8" }).stdout.split("\t")[0] || 0);

async function main() {
  const flags = new Set<string>(process.argv.slice(2).filter((arg) => arg === "--attack-app"));
  const attackApp = flags.has("--attack-app");
  const args = readArgs(process.argv.slice(2).filter((arg) => !flags.has(arg)));
  const count = Number(args.get("count") ?? 0);
  const engine = args.get("engine") ?? "sqlite";
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is missing: apt-get install wrk");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-abuse-"));
  let contentDir = path.resolve("content");
  if (count > 0) {
    contentDir = path.join(dataDir, "content");
    spawnSync("npx", ["tsx", "scripts/content-generate.ts", "--count", String(count), "--out", contentDir], { stdio: "ignore" });
    const first = fs.readdirSync(path.join(contentDir, "articles")).sort()[0]!;
    SLUG = first.replace(/\.md$/, "");
    TITLE = /^title:\s*"?(.+?)"?\s*$/m.exec(fs.readFileSync(path.join(contentDir, "articles", first), "utf8"))?.[1] ?? "";
  }
  const database = engine === "postgres" ? await scratchDatabase("bench_abuse") : undefined;
  const env = {
    DATABASE_URL: database?.url ?? path.join(dataDir, "portal.db"),
    IMAGE_CACHE_DIR: path.join(dataDir, ".img"),
    EVENT_LOOP_REPORT_MS: "1000",
    // SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof": the server's own profile of the run
    // (written when it stops), to see what held the event loop in a scenario; "--trace-gc" with
    // SERVER_LOG=file, its collections.
    ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}),
  };
  // 100,000 articles take longer to build than the tests' five minutes (the read model alone ~400 s).
  const build = buildSite(contentDir, ".next-bench", env, { timeoutMs: 30 * 60_000 });
  if (build.status !== 0) throw new Error(build.output);
  const db = await openDatabase(
    database ? { engine: "postgres", url: database.url } : { engine: "sqlite", file: env.DATABASE_URL },
  );
  const target = await engagementService(db).postComment(
    SLUG,
    { nickname: "독자", body: "공격받을 댓글", password: "right-password" },
    "someone-else",
  );
  const server = await startServer(contentDir, ".next-bench", env, process.cwd(), 3_600_000);
  const nginx = startNginx(await freePort(), Number(new URL(server.url).port));
  const timed = (seconds: number) => {
    const end = Date.now() + seconds * 1000;
    return () => Date.now() >= end;
  };
  try {
    await readLoop(nginx.url, timed(2));
    const idleFrom = server.log().length;
    const idle = await readLoop(nginx.url, timed(SECONDS));
    const idleLoop = eventLoop(server.log().slice(idleFrom));
    console.log(
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, ${count || 3} articles on ${engine}, ${SECONDS} s per scenario, attacker wrk -t1 -c16 (or curl) against ${attackApp ? "the app directly" : "nginx"}, reader one request at a time through nginx`,
    );
    const attackBase = attackApp ? server.url : nginx.url;
    const cacheDir = path.join(nginx.prefix, "cache");
    const line = (name: string, r: ReaderFigures, loop: { p99: number; max: number; gc: number }, extra: string) =>
      console.log(
        `${name.padEnd(22)} reader hits ${((100 * r.hits) / r.requests).toFixed(1).padStart(5)} %  p50 ${r.p50.toFixed(1).padStart(5)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms (${(r.p99 / idle.p99).toFixed(2)}x idle)  not 200 ${r.not200}  non-HTML ${r.nonHtmlBytes} B  blank ${r.blank}  event loop p99 ${loop.p99} ms max ${loop.max} ms (GC ${loop.gc} ms)  cache ${(diskBytes(cacheDir) / 2 ** 20).toFixed(1)} MB of 2048  ${extra}`,
      );
    line("idle", idle, idleLoop, "");
    // --only a,b: the scenarios whose names hold one of these (a rerun of a few on a quiet machine).
    const only = args
      .get("only")
      ?.split(",")
      .map((name) => name.trim().toLowerCase());
    for (const attack of attacks(target.comment.id, slowQueries(contentDir))) {
      if (only && !only.some((name) => attack.name.toLowerCase().includes(name))) continue;
      const before = await rows(db);
      const logFrom = server.log().length;
      const [statuses, reader] = await Promise.all([attack.run(attackBase, SECONDS), readLoop(nginx.url, timed(SECONDS))]);
      const after = await rows(db);
      const written = Object.entries(after)
        .map(([table, n]) => [table, n - before[table as keyof Rows]] as const)
        .filter(([, n]) => n !== 0);
      const acknowledged = attack.name === "comment spam" ? (statuses["201"] ?? 0) : undefined;
      const lost =
        acknowledged === undefined
          ? ""
          : `  acknowledged ${acknowledged}, lost ${acknowledged - (after.comments - before.comments)}`;
      line(
        attack.name,
        reader,
        eventLoop(server.log().slice(logFrom)),
        `answers ${JSON.stringify(statuses)}  rows ${written.map(([t, n]) => `${t}+${n}`).join(" ") || "none"}${lost}`,
      );
    }
  } finally {
    nginx.stop();
    await server.stop();
    // SERVER_LOG=file: the server's whole output kept (with SERVER_NODE_OPTIONS="--trace-gc", each collection).
    if (process.env.SERVER_LOG) fs.writeFileSync(process.env.SERVER_LOG, server.log());
    await db.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
