// npm run build — checks content, then builds into a staging folder and publishes it atomically
// (scripts/lib/builds.ts): a server already running keeps serving its own build until it restarts.
import { spawnSync } from "node:child_process";
import { bakedSettings } from "@/lib/deploy/build-settings";
import { SNAPSHOT_DIR_ENV } from "@/lib/content/build-snapshot";
import { prepareStaging, publishBuild, slotName } from "./lib/builds";

// A newsroom's build machine reports to no third party unless someone turns it on (docs/operating.md).
if (process.env.NEXT_TELEMETRY !== "on") process.env.NEXT_TELEMETRY_DISABLED = "1";

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const slot = slotName();
const { staging, snapshot } = prepareStaging(slot);
// Check, photos and read model over one reading of content/ (scripts/prepare-build.ts).
run("npx", ["tsx", "scripts/prepare-build.ts", snapshot]);
// The parsed content the pages were built from stays with the build: the server reads it at start, so a
// build and the articles it serves can never come from two states of content/.
run("npx", ["next", "build", ...process.argv.slice(2)], { ...process.env, NEXT_DIST_DIR: staging, [SNAPSHOT_DIR_ENV]: snapshot });
const published = publishBuild(slot, bakedSettings(process.env));
console.log(`Published ${published} as ${slot}. Restart the server (npm start) to serve it.`);
