// npm run bench:abuse [-- --attack-app] — one anonymous client attacks a production build behind nginx at full speed, one
// scenario after another (BENCH_SECONDS each, default 10), while a reader reads the home page and an
// article. Per scenario it prints the reader's cache-hit ratio, p50/p99 (against an idle run first), bytes
// of non-HTML answers and blank or foreign pages the reader got, rows the attack wrote, and acknowledged
// writes lost. The attacker is wrk (Debian's package) in its own process, so it does not slow the reader.
// nginx's per-client write limit answers most attack requests itself; `--attack-app` sends the attack to
// the app's port instead (the reader still reads through nginx), to show the app's own rules hold.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "@/lib/db";
import { engagementService } from "@/lib/engagement/service";
import { buildSite, freePort, startServer } from "./lib/next-server";
import { startNginx } from "./lib/nginx";
import { readArgs } from "./lib/args";
import { median } from "./lib/stats";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const SLUG = "kanagawa-science-park";
const TITLE = "가나가와 사이언스 파크";

type ReaderFigures = { requests: number; hits: number; p50: number; p99: number; nonHtmlBytes: number; blank: number };

/** Reads / and the article in turn until `until`, one request at a time, as a reader's browser would. */
async function readLoop(base: string, until: () => boolean): Promise<ReaderFigures> {
  const times: number[] = [];
  const figures = { requests: 0, hits: 0, nonHtmlBytes: 0, blank: 0 };
  for (let i = 0; !until(); i++) {
    const pathname = i % 2 ? `/articles/${SLUG}` : "/";
    const started = performance.now();
    const response = await fetch(base + pathname);
    const body = await response.text();
    times.push(performance.now() - started);
    figures.requests++;
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
function wrk(url: string, seconds: number, lua: string, headers: string[] = []): Promise<Record<string, number>> {
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
    const child = spawn("wrk", ["-t1", "-c16", `-d${seconds}s`, "-s", script, ...headers.flatMap((h) => ["-H", h]), url]);
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

function attacks(commentId: number): Attack[] {
  return [
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

async function main() {
  const attackApp = process.argv.includes("--attack-app");
  readArgs(process.argv.slice(2).filter((arg) => arg !== "--attack-app"));
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is missing: apt-get install wrk");
  const contentDir = path.resolve("content");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-abuse-"));
  const env = { DATABASE_URL: path.join(dataDir, "portal.db") };
  const build = buildSite(contentDir, ".next-bench", env);
  if (build.status !== 0) throw new Error(build.output);
  const db = await openDatabase({ engine: "sqlite", file: env.DATABASE_URL });
  const target = await engagementService(db).postComment(
    SLUG,
    { nickname: "독자", body: "공격받을 댓글", password: "right-password" },
    "someone-else",
  );
  const server = await startServer(contentDir, ".next-bench", env);
  const nginx = startNginx(await freePort(), Number(new URL(server.url).port));
  const timed = (seconds: number) => {
    const end = Date.now() + seconds * 1000;
    return () => Date.now() >= end;
  };
  try {
    await readLoop(nginx.url, timed(2));
    const idle = await readLoop(nginx.url, timed(SECONDS));
    console.log(
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${SECONDS} s per scenario, attacker wrk -t1 -c16 (or curl) against ${attackApp ? "the app directly" : "nginx"}, reader one request at a time through nginx`,
    );
    const attackBase = attackApp ? server.url : nginx.url;
    const line = (name: string, r: ReaderFigures, extra: string) =>
      console.log(
        `${name.padEnd(22)} reader hits ${((100 * r.hits) / r.requests).toFixed(1).padStart(5)} %  p50 ${r.p50.toFixed(1).padStart(5)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms (${(r.p99 / idle.p99).toFixed(2)}x idle)  non-HTML ${r.nonHtmlBytes} B  blank ${r.blank}  ${extra}`,
      );
    line("idle", idle, "");
    for (const attack of attacks(target.comment.id)) {
      const before = await rows(db);
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
        `answers ${JSON.stringify(statuses)}  rows ${written.map(([t, n]) => `${t}+${n}`).join(" ") || "none"}${lost}`,
      );
    }
  } finally {
    nginx.stop();
    await server.stop();
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
