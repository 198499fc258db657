// npm start — serves the production build, building first when there is none (a fresh clone).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  console.log(`No production build in ${distDir}: building first (npm run build).`);
  run("npm", ["run", "build"]);
}
run("npx", ["next", "start", ...process.argv.slice(2)]);
