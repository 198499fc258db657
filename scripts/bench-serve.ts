// npm run bench:serve — requests/s and p99 of an article page, the home page and the comments GET under
// `next start`, then of the article through nginx's cache (deploy/nginx.conf.template) beside nginx serving
// the same page as a plain file. autocannon on 127.0.0.1, BENCH_SECONDS (default 10) per run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildSite, freePort, startServer } from "./lib/next-server";
import { startNginx } from "./lib/nginx";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = 50;
const ARTICLE = "/articles/kanagawa-science-park";

type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };

async function measure(name: string, url: string): Promise<Result> {
  const result = (await new Promise((resolve, reject) =>
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS }, (error, r) => (error ? reject(error) : resolve(r))),
  )) as unknown as Result;
  console.log(
    `${name.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(5)} ms   non-2xx ${result.non2xx}  errors ${result.errors}`,
  );
  return result;
}

async function main() {
  const contentDir = path.resolve(process.env.CONTENT_DIR || "content");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-serve-"));
  const env = { DATABASE_URL: path.join(dataDir, "portal.db") };
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = buildSite(contentDir, ".next", env);
    if (build.status !== 0) throw new Error(build.output);
  }
  const server = await startServer(contentDir, ".next", env);
  console.log(`${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`);
  try {
    await measure("next start: article page", server.url + ARTICLE);
    await measure("next start: home page", server.url + "/");
    await measure("next start: GET comments (API)", `${server.url}/api${ARTICLE}/comments`);
    const html = await (await fetch(server.url + ARTICLE)).text();
    const nginx = startNginx(await freePort(), Number(new URL(server.url).port), html);
    try {
      const cached = await measure("nginx proxy_cache: article page", nginx.url + ARTICLE);
      const file = await measure("nginx static file (same HTML)", `${nginx.url}/static-baseline.html`);
      console.log(
        `cached page / static file: ${(cached.requests.average / file.requests.average).toFixed(2)}x (target at least 0.8x)`,
      );
    } finally {
      nginx.stop();
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
