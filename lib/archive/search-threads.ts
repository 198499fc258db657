// Where the server's searches run: threads of their own (lib/archive/search-thread.ts), each with its own
// connection to the read model, so that a search's synchronous SQLite statements never hold the thread
// that serves pages (issue 28: "no request may hold the event loop more than ~50 ms, whatever its
// input"). The production server starts them (server/portal-server.ts); without them (next dev,
// tests, PostgreSQL, whose queries do not block) searches run in the asking thread.
import { Worker } from "node:worker_threads";
import type { SearchFilter } from "@/lib/search/filters";
import type { UnderstoodSearch } from "@/lib/search/understand";

/** One search asked of a thread. */
export type SearchAsked = { id: number; query: string; now: number; offset: number; limit: number; filter?: SearchFilter };
/** Its answer: the search, or why there is none. */
export type SearchAnswered = { id: number; result: UnderstoodSearch } | { id: number; error: string };

type Waiting = { resolve: (result: UnderstoodSearch) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; waiting: Map<number, Waiting>; alive: boolean };

/** A thread that dies sooner than this after starting is started again only after as long: no crash loop. */
const RESTART_AFTER_MS = 1_000;

export class SearchThreads {
  private readonly threads: Thread[] = [];
  private lastId = 0;
  private closed = false;

  /** `code`: lib/archive/search-thread.ts bundled as CommonJS (its packages resolve from the working folder). */
  constructor(
    private readonly code: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start());
  }

  private start(): Thread {
    const worker = new Worker(this.code, { eval: true, name: "portal search" });
    const thread: Thread = { worker, waiting: new Map(), alive: true };
    const started = Date.now();
    worker.on("message", (answered: SearchAnswered) => {
      const waiting = thread.waiting.get(answered.id);
      if (!waiting) return;
      thread.waiting.delete(answered.id);
      if ("error" in answered) waiting.reject(new Error(`search thread: ${answered.error}`));
      else waiting.resolve(answered.result);
    });
    const fail = (error: Error) => {
      if (!thread.alive) return;
      thread.alive = false;
      const failure = new Error(`search thread failed: ${error.message}`, { cause: error });
      for (const waiting of thread.waiting.values()) waiting.reject(failure);
      thread.waiting.clear();
      // A thread that died is replaced: the searches it held fail, the next ones do not.
      const replace = () => {
        const at = this.threads.indexOf(thread);
        if (!this.closed && at >= 0) this.threads[at] = this.start();
      };
      if (Date.now() - started >= RESTART_AFTER_MS) replace();
      else setTimeout(replace, RESTART_AFTER_MS).unref();
    };
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`search thread exited (code ${code})`)));
    // Searches in flight never keep a stopping process alive.
    worker.unref();
    return thread;
  }

  /** understandSearch(archive(), …), answered by the least busy thread. */
  search(query: string, now: number, offset: number, limit: number, filter?: SearchFilter): Promise<UnderstoodSearch> {
    if (this.closed) return Promise.reject(new Error("search threads are closed"));
    const alive = this.threads.filter((thread) => thread.alive);
    if (!alive.length) return Promise.reject(new Error("search thread failed: every search thread is restarting"));
    const thread = alive.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
    const id = ++this.lastId;
    return new Promise<UnderstoodSearch>((resolve, reject) => {
      thread.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ id, query, now, offset, limit, filter } satisfies SearchAsked);
    });
  }

  /** The threads' ids (worker_threads threadId), to show where searches ran. */
  get threadIds(): number[] {
    return this.threads.map((thread) => thread.worker.threadId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }
}

// Process-wide: the server starts them, and the page and route bundles (each with its own module copies) ask.
const INSTALLED = Symbol.for("portal.searchThreads");
type WithThreads = { [INSTALLED]?: SearchThreads };

/** Makes `threads` answer this process's searches (undefined: the asking thread answers again). */
export function serveSearchesFrom(threads: SearchThreads | undefined): void {
  (globalThis as WithThreads)[INSTALLED] = threads;
}

/** The threads answering this process's searches, if the server started them. */
export const installedSearchThreads = (): SearchThreads | undefined => (globalThis as WithThreads)[INSTALLED];
