// npm run bench:comments — POST and GET throughput and latency of the comments API under `next start`,
// measured with autocannon on 127.0.0.1 for a bounded time, on SQLite and then on PostgreSQL.
// Uses the production build in .next (building first if there is none); rate limits are lifted for the run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { buildSite, startServer } from "./lib/next-server";
import { scratchDatabase } from "./lib/scratch-database";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = 20;
const ARTICLE = "kanagawa-science-park";

type Result = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result as unknown as Result))),
  );
}

async function measure(engine: string, databaseUrl: string) {
  const contentDir = path.resolve(process.env.CONTENT_DIR || "content");
  const server = await startServer(contentDir, ".next", {
    DATABASE_URL: databaseUrl,
    COMMENT_MIN_INTERVAL_SECONDS: "0",
    COMMENT_DAILY_LIMIT: "100000000",
  });
  try {
    const url = `${server.url}/api/articles/${ARTICLE}/comments`;
    let n = 0;
    const post = await run({
      url,
      method: "POST",
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { "content-type": "application/json" },
      requests: [
        {
          setupRequest: (request) => {
            n++;
            return {
              ...request,
              headers: { ...request.headers, "x-forwarded-for": `10.${n % 250}.0.1` },
              body: JSON.stringify({
                nickname: "벤치",
                body: `부하 시험 댓글 ${n} ${randomBytes(3).toString("hex")}`,
                password: "pass1234",
              }),
            };
          },
        },
      ],
    });
    const get = await run({ url, connections: CONNECTIONS, duration: SECONDS });
    const line = (name: string, r: Result) =>
      `${engine.padEnd(10)} ${name.padEnd(5)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   non-2xx ${r.non2xx}  errors ${r.errors + r.timeouts}`;
    console.log(line("POST", post));
    console.log(line("GET", get));
  } finally {
    await server.stop();
  }
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = buildSite(path.resolve("content"), ".next");
    if (build.status !== 0) throw new Error(build.output);
  }
  console.log(`${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-comments-"));
  await measure("SQLite", path.join(dir, "portal.db"));
  const database = await scratchDatabase("portal_bench");
  try {
    await measure("PostgreSQL", database.url);
  } finally {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
