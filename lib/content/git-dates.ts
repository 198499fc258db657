// Last commit time of each content file, read once from git (as Hugo's :git does); empty outside a checkout.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { toKstIso } from "@/lib/dates";

/** Map from path relative to `dir` to the ISO time (+09:00) of the last commit that touched it. */
export function gitCommitTimes(dir: string): Map<string, string> {
  const times = new Map<string, string>();
  const top = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  if (top.status !== 0) return times;
  const root = top.stdout.trim();
  // One git call for the whole folder: newest commits first, so the first time a file appears is its last change.
  const log = spawnSync("git", ["log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (log.status !== 0) return times;
  let current = "";
  for (const line of log.stdout.split("\n")) {
    if (line.startsWith("\0")) current = toKstIso(line.slice(1));
    else if (line && current) {
      const relative = path.relative(dir, path.join(root, line));
      if (!times.has(relative)) times.set(relative, current);
    }
  }
  return times;
}
