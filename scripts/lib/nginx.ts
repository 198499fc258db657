// Starts Debian's nginx with deploy/nginx.conf.template in front of a running `next start`, in a temp prefix.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type RunningNginx = { url: string; prefix: string; stop: () => void };

/** deploy/nginx.conf.template with its placeholders filled, as the tests and benchmarks run it. */
export function renderNginxConfig(prefix: string, listen: number, upstream: number): string {
  return fs
    .readFileSync(path.resolve("deploy/nginx.conf.template"), "utf8")
    .replaceAll("{{PREFIX}}", prefix)
    .replaceAll("{{LISTEN}}", String(listen))
    .replaceAll("{{SERVER_NAMES}}", "127.0.0.1 localhost")
    .replaceAll("{{UPSTREAM}}", String(upstream));
}

/** nginx on `listen` proxying to `upstream`; `staticHtml` is served at /static-baseline.html as a baseline. */
export function startNginx(listen: number, upstream: number, staticHtml = "<!doctype html><p>static</p>"): RunningNginx {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nginx-"));
  // nginx's workers run as an unprivileged user: they must reach the cache and the static file.
  fs.chmodSync(prefix, 0o755);
  fs.mkdirSync(path.join(prefix, "static"), { mode: 0o755 });
  fs.writeFileSync(path.join(prefix, "static", "static-baseline.html"), staticHtml);
  const config = renderNginxConfig(prefix, listen, upstream);
  const file = path.join(prefix, "nginx.conf");
  fs.writeFileSync(file, config);
  const start = spawnSync("nginx", ["-p", prefix, "-c", file], { encoding: "utf8" });
  if (start.status !== 0) throw new Error(`nginx failed to start: ${start.stderr}`);
  return {
    url: `http://127.0.0.1:${listen}`,
    prefix,
    stop: () => {
      try {
        execFileSync("nginx", ["-p", prefix, "-c", file, "-s", "quit"]);
      } catch {
        // Already gone.
      }
    },
  };
}
