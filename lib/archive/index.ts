// The one way in to the published archive: the build's read model (lib/archive/write.ts), opened once
// per process. Outside a build (next dev, unit tests) it is written in memory from content/ on first use.
// With DATABASE_URL=postgres://…, servers read PostgreSQL instead, synced from the build's file at start
// (lib/archive/postgres/sync.ts); the build itself always reads its own file.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { SNAPSHOT_DIR_ENV, writeOnceAcrossProcesses } from "@/lib/content/build-snapshot";
import { loadContent, type Content } from "@/lib/content";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { readModelPool } from "@/lib/archive/postgres/connection";
import { syncReadModel, type SyncResult } from "@/lib/archive/postgres/sync";
import type { SyncAnswered, SyncAsked } from "@/lib/archive/postgres/sync-thread";
import { openReadModel, readModelInMemory } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { say } from "@/lib/editor-language";
import { databaseConfig } from "@/lib/db/config";
import { updateReadModel, writeReadModel, type ReadModelUpdate } from "@/lib/archive/write";

/** The read model's file inside a build's content snapshot folder. */
export const READ_MODEL_FILE = "read-model.db";

/** Where a read model is written aside before it is renamed into place. */
const partialOf = (file: string) => `${file}.${process.pid}.tmp`;

/**
 * Clears the place aside `file` and says whether there is a previous build's read model to copy there
 * (a reflink where the file system has them): the two copies below differ only in waiting.
 */
function copyAside(file: string, previous: string | undefined): [from: string, to: string, mode: number] | undefined {
  fs.rmSync(partialOf(file), { force: true });
  return previous && fs.existsSync(previous) ? [previous, partialOf(file), fs.constants.COPYFILE_FICLONE] : undefined;
}

/**
 * Begins copying the previous build's read model beside `file`, for writeReadModelFile to update.
 * `npm run build` starts it before the editors' check, so the copy (2 s for 1.8 GB on ext4, which has no
 * reflinks) runs while content/ is read. Resolves to whether there is a copy.
 */
export async function copyPreviousReadModel(file: string, previous: string | undefined): Promise<boolean> {
  const copy = copyAside(file, previous);
  if (copy) await fs.promises.copyFile(...copy);
  return copy !== undefined;
}

/**
 * Writes the read model of `content` to `file`, whole or not at all (written aside, then renamed). Given
 * the previous build's file, or `copied` (copyPreviousReadModel has copied it), it updates the copy instead
 * (lib/archive/write.ts `updateReadModel`: only the articles whose digest changed), and writes anew when
 * that cannot be done. Says which.
 */
export function writeReadModelFile(
  file: string,
  content: Content,
  previous?: string,
  { copied = false }: { copied?: boolean } = {},
): ReadModelUpdate | undefined {
  const partial = partialOf(file);
  if (!copied) {
    const copy = copyAside(file, previous);
    if (copy) fs.copyFileSync(...copy);
    copied = copy !== undefined;
  }
  let update: ReadModelUpdate | undefined;
  if (copied) {
    update = withUnjournalled(partial, (db) => updateReadModel(db, content));
    if (!update) fs.rmSync(partial, { force: true });
  }
  if (!update) withUnjournalled(partial, (db) => writeReadModel(db, content));
  fs.renameSync(partial, file);
  return update;
}

/** Runs `work` on the database `file` without a journal: a file written aside is thrown away whole on failure. */
function withUnjournalled<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    return work(db);
  } finally {
    db.close();
  }
}

// Process-wide, not module-wide: pages and route handlers are separate bundles with their own module copies.
const opened = ((globalThis as { [key: symbol]: Map<string, ArchiveReader> })[Symbol.for("portal.archive")] ??= new Map());
// Read models synced into PostgreSQL before this process served (syncBeforeServing): archive() need not again.
const syncedAtStart = ((globalThis as { [key: symbol]: Set<string> })[Symbol.for("portal.archive-synced")] ??= new Set());

/** A large archive's read model takes minutes to write: wait that long before taking the writer for dead. */
const WRITER_TIMEOUT_MS = 600_000;

/** Which read model this process serves: its file (or "memory"), the PostgreSQL serving it if one does, and its key. */
function servedReadModel(): { file: string; postgres?: string; key: string } {
  const dir = process.env[SNAPSHOT_DIR_ENV];
  const file = dir ? path.join(dir, READ_MODEL_FILE) : "memory";
  const database = databaseConfig();
  // The build prerenders from its own file whatever database it may later be deployed on.
  const postgres =
    file !== "memory" && database.engine === "postgres" && process.env.NEXT_PHASE !== "phase-production-build"
      ? database.url
      : undefined;
  return { file, postgres, key: postgres ? `${file} → postgres` : file };
}

/**
 * The archive this process serves: the read model of the build it belongs to (npm run build writes it
 * into the build's snapshot folder; a server opens that of its build), else, in next dev and unit tests,
 * content/ in memory.
 */
export function archive(): ArchiveReader {
  const { file, postgres, key } = servedReadModel();
  let reader = opened.get(key);
  if (!reader) {
    if (file !== "memory") ensureReadModelFile(file);
    if (postgres) {
      const pool = readModelPool(postgres);
      reader = new PostgresArchiveReader(pool, syncedAtStart.has(key) ? Promise.resolve() : syncHere(file, pool, key));
    } else {
      reader = file === "memory" ? readModelInMemory(loadContent()) : openReadModel(file);
    }
    opened.set(key, reader);
  }
  return reader;
}

/** The build's read model file, written from content/ if no build did: `next build` run directly (npm run
 * build writes it first) has several workers asking at once. */
function ensureReadModelFile(file: string): void {
  writeOnceAcrossProcesses(file, (partial) => writeReadModelFile(partial, loadContent()), WRITER_TIMEOUT_MS);
}

/** The sync in this thread, when none ran before serving (next dev, a failed sync at start): settles the reader. */
function syncHere(file: string, pool: ReturnType<typeof readModelPool>, key: string): Promise<void> {
  const source = openReadModel(file);
  const synced = syncReadModel(pool, source.db).then(reportSync, (error: unknown) => {
    // Not cached: the next request tries again (the database may come back).
    opened.delete(key);
    void pool.end();
    throw error;
  });
  synced.finally(() => source.db.close()).catch(() => undefined);
  return synced;
}

/**
 * Before the server answers (server/portal-server.ts): with PostgreSQL, syncs this build's read model in a
 * worker thread of its own (lib/archive/postgres/sync-thread.ts, bundled as `code`), so the heap a large
 * archive's sync leaves behind is the thread's and goes with it, not the serving thread's for good. A
 * failure is logged and left to archive(), which tries again on the first request, as it always has.
 */
export async function syncBeforeServing(code: string): Promise<void> {
  const { file, postgres, key } = servedReadModel();
  if (!postgres || opened.has(key)) return;
  ensureReadModelFile(file);
  const asked: SyncAsked = { file, url: postgres };
  const answered = await new Promise<SyncAnswered>((resolve) => {
    const worker = new Worker(code, { eval: true, name: "portal sync", workerData: asked });
    worker.once("message", resolve);
    worker.once("error", (error) => resolve({ error: error.message }));
    worker.once("exit", (exitCode) => resolve({ error: `the sync thread stopped (exit code ${exitCode})` }));
  });
  if ("error" in answered) {
    console.error(
      say(
        `읽기 모델(PostgreSQL) 동기화 실패, 첫 요청 때 다시 시도합니다: ${answered.error}`,
        `Read model (PostgreSQL) sync failed; the first request tries again: ${answered.error}`,
      ),
    );
    return;
  }
  reportSync(answered.result);
  syncedAtStart.add(key);
}

function reportSync(result: SyncResult): void {
  const { added, changed, removed, unchanged } = result;
  console.log(
    result.synced
      ? say(
          `읽기 모델(PostgreSQL) 동기화: 추가 ${added}, 변경 ${changed}, 삭제 ${removed}, 그대로 ${unchanged}`,
          `Read model (PostgreSQL) synced: ${added} added, ${changed} changed, ${removed} removed, ${unchanged} unchanged`,
        )
      : say(
          `읽기 모델(PostgreSQL): 동기화할 것 없음 (${result.reason})`,
          `Read model (PostgreSQL): nothing to sync (${result.reason})`,
        ),
  );
}
