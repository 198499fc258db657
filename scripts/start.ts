// npm start [-- -p PORT] [-- -H ADDRESS] — serves the published build (building first when there is none),
// on 127.0.0.1 unless told otherwise: the app's limits trust the socket address, so exposing it directly
// is a choice to make on purpose (docs/operating.md).
import { spawnSync } from "node:child_process";
import { SNAPSHOT_DIR_ENV } from "@/lib/content/build-snapshot";
import { bakedSettings, settingMismatches } from "@/lib/deploy/build-settings";
import { publishedBuild, slotName } from "./lib/builds";

if (process.env.NEXT_TELEMETRY !== "on") process.env.NEXT_TELEMETRY_DISABLED = "1";

function option(flags: string[], fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => flags.includes(arg));
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

const slot = slotName();
if (!publishedBuild(slot)) {
  console.log(`No production build in ${slot}: building first (npm run build).`);
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const build = publishedBuild(slot)!;
const mismatches = settingMismatches(build.settings, bakedSettings(process.env));
if (mismatches.length) {
  console.error(`npm start: refusing to serve ${build.dir}:\n${mismatches.map((m) => `  - ${m}`).join("\n")}`);
  process.exit(1);
}
// This build, resolved now, for the life of the process: a later build switches the slot, not this server.
process.env.NEXT_DIST_DIR = build.dir;
process.env[SNAPSHOT_DIR_ENV] = build.snapshot;
// Node's own name is "production" for every server; Next reads it when it loads.
(process.env as Record<string, string>).NODE_ENV = "production";

const port = Number(option(["-p", "--port"], process.env.PORT || "3000"));
const hostname = option(["-H", "--hostname"], process.env.LISTEN_ADDRESS || "127.0.0.1");
import("../server/portal-server")
  .then(({ startPortalServer }) => startPortalServer({ port, hostname }))
  .then((server) => {
    console.log(`Serving ${build.dir} on http://${hostname}:${port}`);
    // Stopped (systemd's SIGTERM, Ctrl-C): no new connections, the answers under way finish (ten seconds
    // at most), then a normal exit, which is also what lets `node --cpu-prof` write its profile.
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  })
  .catch((error: unknown) => {
    console.error("npm start: the server did not start", error);
    process.exit(1);
  });
