// npm run bench:rebuild [-- --count 100000 --rounds 3] — issue #14's rebuild target: `npm run build` after
// one article changed, at N generated articles against 300, alternated so both meet the same machine. Each
// build's phases are taken from its own output as it arrives (seconds since the build started): the
// editors' check, the read model update, compiled, prerendered, published. Prints each round and the ratio
// of the medians. The first build of each folder (cold, not timed) makes the build a later one updates.
// Not part of CI: at 100,000 the cold build takes minutes.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readArgs } from "./lib/args";
import { machineLine } from "./lib/build-timing";
import { median } from "./lib/stats";

const args = readArgs(process.argv.slice(2));
const count = Number(args.get("count") ?? 100_000);
const rounds = Number(args.get("rounds") ?? 3);
const SMALL = 300;

/** Output lines that end a phase, in order (Korean or English editors' messages). */
const PHASES: [name: string, line: RegExp][] = [
  ["check", /^(콘텐츠 이상 없음|content OK)/],
  ["read model", /^(읽기 모델|Read model)/],
  ["compiled", /Compiled successfully/],
  ["prerendered", /Generating static pages .*\((\d+)\/\1\)/],
  ["published", /^Published /],
];

type Timing = Record<string, number>;

function folderOf(size: number): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-rebuild-${size}-`));
  spawnSync("npx", ["tsx", "scripts/content-generate.ts", "--count", String(size), "--out", dir], { stdio: "ignore" });
  const slot = `.next-bench-rebuild-${size}`;
  for (const leftover of [slot, `${slot}-builds`, `${slot}-staging`]) fs.rmSync(leftover, { recursive: true, force: true });
  return {
    dir,
    env: {
      ...process.env,
      CONTENT_DIR: dir,
      NEXT_DIST_DIR: slot,
      DATABASE_URL: path.join(dir, "portal.db"),
      IMAGE_CACHE_DIR: path.join(dir, ".img"),
    },
  };
}

/** `npm run build` with each phase's end in seconds since it started. */
function build(env: NodeJS.ProcessEnv): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["run", "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const timing: Timing = {};
    let output = "";
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const at = (performance.now() - started) / 1000;
      output += chunk;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines)
        for (const [name, pattern] of PHASES) if (!(name in timing) && pattern.test(line.trim())) timing[name] = at;
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`npm run build failed:\n${output.slice(-4000)}`));
      else resolve({ ...timing, published: (performance.now() - started) / 1000 });
    });
  });
}

/** One sentence more in one article: the change an editor commits. */
function changeOne(dir: string): void {
  const articles = path.join(dir, "articles");
  const file = fs.readdirSync(articles).sort()[7]!;
  fs.appendFileSync(path.join(articles, file), `\n한 문장을 더했다 ${Date.now()}.\n`);
}

const line = (label: string, timing: Timing) =>
  `${label.padEnd(16)} ${PHASES.map(([name]) => `${name} ${timing[name]?.toFixed(1) ?? "-"}`.padEnd(18)).join("")}`;

async function main() {
  console.log(machineLine());
  const folders = [folderOf(SMALL), folderOf(count)];
  for (const { env } of folders) await build(env); // cold: the build the timed ones update
  const results: Timing[][] = [[], []];
  for (let round = 1; round <= rounds; round++)
    for (const [index, { dir, env }] of folders.entries()) {
      changeOne(dir);
      const timing = await build(env);
      results[index]!.push(timing);
      console.log(line(`${index ? count : SMALL} round ${round}`, timing));
    }
  const [small, large] = results.map((timings) => median(timings.map((t) => t.published!)));
  console.log(
    `npm run build after one change: ${large!.toFixed(1)} s at ${count} against ${small!.toFixed(1)} s at ${SMALL} (medians of ${rounds}): ${(large! / small!).toFixed(2)}×`,
  );
  for (const { dir, env } of folders) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const built of [env.NEXT_DIST_DIR!, `${env.NEXT_DIST_DIR}-builds`]) fs.rmSync(built, { recursive: true, force: true });
  }
}

void main();
