// Builds the site from a given content folder into its own dist folder and serves it on a free port.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type BuildResult = { status: number; output: string };

/** `npm run build` (content check, then next build, published into the slot) with CONTENT_DIR and NEXT_DIST_DIR set. */
export function buildSite(
  contentDir: string,
  distDir: string,
  env: Record<string, string> = {},
  { timeoutMs = 300_000 }: { timeoutMs?: number } = {},
): BuildResult {
  const result = spawnSync("npm", ["run", "build"], {
    // No NEXT_TELEMETRY_DISABLED here: `npm run build` itself must turn telemetry off (tested).
    env: { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Node's flags as `npm start` gives them (package.json), so tests and benchmarks run the server as it runs. */
export function serverNodeFlags(cwd: string = process.cwd()): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(cwd, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts.start!;
  const words = start.split(/\s+/);
  return words.slice(1, words.indexOf("scripts/start.mjs"));
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = { url: string; stop: () => Promise<void>; log: () => string };

/**
 * `npm start` (the portal's server) on a free port for a built slot; resolves once it answers HTTP, or
 * fails after `waitMs` (a first sync of a large archive into PostgreSQL takes minutes).
 */
export async function startServer(
  contentDir: string,
  distDir: string,
  env: Record<string, string> = {},
  cwd: string = process.cwd(),
  waitMs = 120_000,
): Promise<RunningServer> {
  const port = await freePort();
  // TRUSTED_PROXY_HOPS=1 unless told: tests play many readers from one machine through X-Forwarded-For.
  const child = spawn("node", [...serverNodeFlags(cwd), "scripts/start.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    env: { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, TRUSTED_PROXY_HOPS: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  };
  for (const deadline = Date.now() + waitMs; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return { url, stop, log: () => log };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await stop();
  throw new Error(`npm start did not answer on ${url}:\n${log}`);
}
