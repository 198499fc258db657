// The sync at start (lib/archive/postgres/sync.ts) in a worker thread of its own: a first sync of a large
// archive reads and encodes every article, and the heap that leaves behind was the serving thread's for
// good (at 100,000 articles, collections of 140–230 ms in single seconds long after the start,
// BENCHMARKS.md "At 100,000 on PostgreSQL, twenty-first session"). A thread's heap goes with the thread.
// Bundled and run from memory (lib/archive/index.ts syncReadModelInThread).
import { parentPort, workerData } from "node:worker_threads";
import { readModelPool } from "@/lib/archive/postgres/connection";
import { syncReadModel, type SyncResult } from "@/lib/archive/postgres/sync";
import { openReadModel } from "@/lib/archive/sqlite/reader";

/** What the thread is given, and what it answers. */
export type SyncAsked = { file: string; url: string };
export type SyncAnswered = { result: SyncResult } | { error: string };

const port = parentPort;
if (!port) throw new Error("lib/archive/postgres/sync-thread.ts runs as a worker thread (syncReadModelInThread)");
const { file, url } = workerData as SyncAsked;

async function sync(): Promise<SyncAnswered> {
  const pool = readModelPool(url);
  const source = openReadModel(file);
  try {
    return { result: await syncReadModel(pool, source.db) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    source.db.close();
    await pool.end();
  }
}

void sync().then((answered) => port.postMessage(answered));
