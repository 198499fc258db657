// The one way in to the published archive: the build's read model (lib/archive/write.ts), opened once
// per process. Outside a build (next dev, unit tests) it is written in memory from content/ on first use.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SNAPSHOT_DIR_ENV, writeOnceAcrossProcesses } from "@/lib/content/build-snapshot";
import { loadContent, type Content } from "@/lib/content";
import { openReadModel, readModelInMemory, type ArchiveReader } from "@/lib/archive/read";
import { writeReadModel } from "@/lib/archive/write";

/** The read model's file inside a build's content snapshot folder. */
export const READ_MODEL_FILE = "read-model.db";

/** Writes the read model of `content` to `file`, whole or not at all (written aside, then renamed). */
export function writeReadModelFile(file: string, content: Content): void {
  const partial = `${file}.${process.pid}.tmp`;
  fs.rmSync(partial, { force: true });
  const db = new Database(partial);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    writeReadModel(db, content);
  } finally {
    db.close();
  }
  fs.renameSync(partial, file);
}

// Process-wide, not module-wide: pages and route handlers are separate bundles with their own module copies.
const opened = ((globalThis as { [key: symbol]: Map<string, ArchiveReader> })[Symbol.for("portal.archive")] ??= new Map());

/** A large archive's read model takes minutes to write: wait that long before taking the writer for dead. */
const WRITER_TIMEOUT_MS = 600_000;

/**
 * The archive this process serves: the read model of the build it belongs to (npm run build writes it
 * into the build's snapshot folder; a server opens that of its build), else, in next dev and unit tests,
 * content/ in memory.
 */
export function archive(): ArchiveReader {
  const dir = process.env[SNAPSHOT_DIR_ENV];
  const key = dir ? path.join(dir, READ_MODEL_FILE) : "memory";
  let reader = opened.get(key);
  if (!reader) {
    // `next build` run directly (npm run build writes it first) has several workers asking at once.
    if (key !== "memory")
      writeOnceAcrossProcesses(key, (partial) => writeReadModelFile(partial, loadContent()), WRITER_TIMEOUT_MS);
    reader = key === "memory" ? readModelInMemory(loadContent()) : openReadModel(key);
    opened.set(key, reader);
  }
  return reader;
}
