// A bare Next.js app in a temp folder, for benchmarks that measure the framework beside the portal
// (bench:floor, bench:throughput): the given files over a minimal package.json and tsconfig.json.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BASE_FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "esnext"],
      jsx: "react-jsx",
      module: "esnext",
      moduleResolution: "bundler",
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
    },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
};

/** Writes the app; node_modules hard-linked from this checkout (Turbopack will not follow a symlink out of the app). */
export function createBareApp(name: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const all = { "package.json": `{ "name": "${name}", "private": true }\n`, ...BASE_FILES, ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  if (linked.status !== 0) execFileSync("cp", ["-a", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  return dir;
}
