// One content parse per `next build`, shared by its worker processes through a JSON file.
// `next build` runs route code in several worker processes (two collect page data, two prerender), and
// each used to parse every article itself: at 2,000 articles ~2.6 s of CPU apiece, four times over on two
// cores. The build's main process names a folder for the build (startBuildSnapshot, from next.config.ts);
// the first worker to need the content parses and validates it and writes the result there, the others wait
// for that file and read it (~0.1 s). The folder lives only as long as that build, so a snapshot can never
// outlive the files or the code it came from; every page of one build also sees one state of content/.
// No imports through "@/": next.config.ts loads this file before the bundler's aliases exist.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SNAPSHOT_DIR_ENV = "PORTAL_BUILD_SNAPSHOT_DIR";

/** Waiting longer than this for another worker means it died mid-parse: parse here instead. */
const STALE_LOCK_MS = 120_000;
const POLL_MS = 20;

/** Called in the build's main process before workers start: they inherit the folder through the environment. */
export function startBuildSnapshot(): void {
  if (process.env[SNAPSHOT_DIR_ENV]) return; // a worker loading next.config.ts again, or a nested build
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-build-snapshot-"));
  process.env[SNAPSHOT_DIR_ENV] = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Makes `file` once across processes: the first to take `<file>.lock` runs `write(partial)`, and the result
 * is renamed into place whole; the others wait for the file. Waiting longer than `staleMs` means the
 * writer died: this process writes it itself. If `write` throws, the lock is released and each waiting
 * process tries in turn (and meets the same error, so a broken article stops every worker).
 */
export function writeOnceAcrossProcesses(file: string, write: (partial: string) => void, staleMs = STALE_LOCK_MS): void {
  const lock = `${file}.lock`;
  const started = Date.now();
  while (!fs.existsSync(file)) {
    let handle: number | undefined;
    try {
      handle = fs.openSync(lock, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (handle !== undefined || Date.now() - started > staleMs) {
      try {
        const partial = `${file}.${process.pid}.tmp`;
        write(partial);
        fs.renameSync(partial, file);
      } finally {
        if (handle !== undefined) {
          fs.closeSync(handle);
          fs.rmSync(lock, { force: true });
        }
      }
      return;
    }
    sleep(POLL_MS);
  }
}

/**
 * `compute()` once per build and `key` across processes; outside a build (next start, dev, tests, scripts)
 * simply `compute()`. The value must survive JSON (plain objects, arrays, strings, numbers, booleans).
 */
export function sharedWithinBuild<T>(key: string, compute: () => T, dir = process.env[SNAPSHOT_DIR_ENV]): T {
  if (!dir || !fs.existsSync(dir)) return compute();
  const file = path.join(dir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
  let computed: { value: T } | undefined;
  writeOnceAcrossProcesses(file, (partial) => {
    computed = { value: compute() };
    fs.writeFileSync(partial, JSON.stringify(computed.value));
  });
  return computed ? computed.value : readJson<T>(file)!;
}
