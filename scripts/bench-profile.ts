// npm run bench:profile [-- --path /articles/…] [-- --gzip] [-- --seconds N] — where the serving thread's time
// goes for a page request that reaches Next (issue 32). Builds the real content, starts the production
// server (`npm start`) with V8's sampling profiler, sends the page through Next at full speed (wrk, an
// If-None-Match that matches nothing, so the microcache steps aside, and many readers' addresses, so the
// per-client limit does not), stops the server so the profile is written, and prints the serving thread's
// time by kind of code, by function (self) and by call path (inclusive), over the measured seconds only.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { machineLine } from "./lib/build-timing";
import { servePortal } from "./lib/portal-and-peer";

const { values: args } = parseArgs({
  options: {
    path: { type: "string", default: "/articles/kanagawa-science-park" },
    gzip: { type: "boolean", default: false },
    seconds: { type: "string", default: "8" },
    top: { type: "string", default: "25" },
  },
});
const SECONDS = Number(args.seconds);
const TOP = Number(args.top);

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** What kind of code a frame is: Node and the engine, Next's server, React, the app's bundle, or else. */
function kindOf(frame: ProfileNode["callFrame"]): string {
  const { functionName: name, url } = frame;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(idle)" || name === "(program)") return "idle and V8";
  if (/react-dom|react-server|compiled\/react/.test(url)) return "React";
  if (url.includes("next/dist")) return "Next's server";
  if (url.includes("/server/chunks/")) return "the app's route bundles (and Next code bundled there)";
  if (url.includes("start.bundle")) return "the portal's server";
  if (url === "" || url.startsWith("node:")) return "Node and native code (socket writes, encoding)";
  return "other";
}

const label = (frame: ProfileNode["callFrame"]) =>
  `${frame.functionName || "(anonymous)"} ${frame.url
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/server\/chunks\//, "chunks/")
    .replace(/^file:\/\/.*\/scripts\//, "scripts/")}:${frame.lineNumber + 1}`;

/** Self and inclusive time per function over the profile's last `lastMs`, as shares of that time. */
function summarize(profile: Profile, lastMs: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const perNode = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (profile.endTime - at > lastMs * 1000) return;
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    perNode.set(id, (perNode.get(id) ?? 0) + delta);
  });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const kinds = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  for (const [id, time] of perNode) {
    const node = byId.get(id)!;
    add(self, label(node.callFrame), time);
    add(kinds, kindOf(node.callFrame), time);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!.callFrame);
      if (!seen.has(key)) add(inclusive, key, time);
      seen.add(key);
    }
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, time]) => `| ${((100 * time) / total).toFixed(1)} % | \`${key}\` |`);
  return { totalMs: total / 1000, kinds: top(kinds, 10), self: top(self, TOP), inclusive: top(inclusive, TOP * 2) };
}

async function main() {
  console.log(machineLine());
  const profiles = fs.mkdtempSync(path.join(os.tmpdir(), "bench-profile-"));
  const server = await servePortal(".next-bench-profile", {
    TRUSTED_PROXY_HOPS: "1",
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}`,
  });
  const wrk = (seconds: number) =>
    execFileSync(
      "wrk",
      [
        "-t2",
        "-c16",
        `-d${seconds}s`,
        "-s",
        path.join(import.meta.dirname, "lib", "wrk-readers.lua"),
        "-H",
        'If-None-Match: "bench-no-match"',
        ...(args.gzip ? ["-H", "Accept-Encoding: gzip"] : []),
        `${server.url}${args.path}`,
      ],
      { encoding: "utf8" },
    );
  try {
    wrk(3); // the first requests compile and fill Next's caches
    const out = wrk(SECONDS);
    if (/Non-2xx or 3xx responses/.test(out)) throw new Error(`wrk saw errors:\n${out}`);
    console.log(
      `${args.path}${args.gzip ? " (gzip)" : ""} through Next: ${/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]} requests/s`,
    );
  } finally {
    await server.stop();
  }
  // The serving thread's profile: the largest (search threads sleep through it).
  const [file] = fs
    .readdirSync(profiles)
    .map((name) => path.join(profiles, name))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!file) throw new Error(`no profile was written in ${profiles}`);
  const summary = summarize(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, SECONDS * 1000);
  console.log(`\nThe serving thread over the measured ${(summary.totalMs / 1000).toFixed(1)} s (profile: ${file})`);
  for (const [title, rows] of [
    ["by kind of code", summary.kinds],
    ["by function, self", summary.self],
    ["by call path, inclusive", summary.inclusive],
  ] as const)
    console.log(`\n| share | ${title} |\n|---|---|\n${rows.join("\n")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
