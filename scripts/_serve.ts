import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite, freePort, startServer } from "./lib/next-server";
import { startNginx } from "./lib/nginx";
void (async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbg-content-"));
  fs.cpSync("tests/site/fixture-content", dir, { recursive: true });
  const env = { DATABASE_URL: path.join(dir, "portal.db"), IMAGE_CACHE_DIR: path.join(dir, ".img") };
  const b = buildSite(dir, ".next-dbg", env);
  if (b.status) throw new Error(b.output);
  const server = await startServer(dir, ".next-dbg", env);
  const nginx = startNginx(await freePort(), Number(new URL(server.url).port));
  console.log("APP", server.url, "NGINX", nginx.url);
  fs.writeFileSync("/tmp/w/dbg-urls", `${server.url} ${nginx.url}\n`);
  setInterval(() => {}, 1 << 30);
})();
