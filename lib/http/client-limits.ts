// How much of the server one client, and all searches together, may take: requests that miss every cache
// cost a render, so one client's are limited (a token bucket per client network), and searches, the
// costliest reads, run a few at a time with a short queue. Pure state with an injected clock; the portal's
// server (server/portal-server.ts) applies them, and nginx limits writes and searches the same way.

/** Requests per second a client may send that reach the app's renderer, and the burst a page load needs. */
export const MISS_LIMIT = { perSecond: 20, burst: 60 } as const;
/**
 * Searches rendered at once per process (two cores), and how many may wait for a turn. The searching
 * itself runs in the search threads (lib/archive/search-threads.ts); what runs here is each result page's
 * render, and four at once held the serving thread 75 ms at times where two held it 19 ms at p99
 * (bench:abuse, "slow searches", three articles).
 */
export const SEARCH_GATE = { running: 2, waiting: 32 } as const;
/**
 * Renders of anything else the caches miss, at once and waiting. Two cores render no faster for running
 * more at a time, but the event loop does worse: sixty renders admitted together (a client's burst of
 * /admin) resolved their steps in the same turns and held the loop ~300 ms (bench:abuse, "/admin flood").
 */
export const RENDER_GATE = { running: 4, waiting: 512 } as const;

type Bucket = { tokens: number; at: number };

/** A token bucket per client: `take` says whether the client may send one more request now. */
export class ClientBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number = MISS_LIMIT.perSecond,
    private readonly burst: number = MISS_LIMIT.burst,
    private readonly clients = 100_000,
  ) {}

  /** Takes one token of `client`'s bucket at `now` (ms); false when it is empty. */
  take(client: string, now: number): boolean {
    const bucket = this.buckets.get(client);
    const tokens = bucket ? Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond) : this.burst;
    if (bucket) this.buckets.delete(client);
    // Oldest use first out: a flood of client keys (spoofed from outside a proxy) costs bounded memory.
    else if (this.buckets.size >= this.clients) this.buckets.delete(this.buckets.keys().next().value!);
    const allowed = tokens >= 1;
    this.buckets.set(client, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }
}

/**
 * At most `running` holders at once and `waiting` in line; `enter` resolves to a release, or undefined when
 * the line is full or `signal` aborted (the reader left) before a turn came. A reader who leaves while in
 * line leaves the line: otherwise one client opening and closing connections fills it with readers gone,
 * each holding a place until its turn, and the readers still there are told the line is full.
 */
export class Gate {
  private active = 0;
  private readonly line = new Set<() => void>();

  constructor(
    private readonly running: number = SEARCH_GATE.running,
    private readonly waiting: number = SEARCH_GATE.waiting,
  ) {}

  async enter(signal?: AbortSignal): Promise<(() => void) | undefined> {
    if (signal?.aborted) return undefined;
    if (this.active >= this.running) {
      if (this.line.size >= this.waiting) return undefined;
      const turn = await new Promise<boolean>((resolve) => {
        const leave = () => {
          this.line.delete(come);
          resolve(false);
        };
        const come = () => {
          signal?.removeEventListener("abort", leave);
          resolve(true);
        };
        this.line.add(come);
        signal?.addEventListener("abort", leave, { once: true });
      });
      if (!turn) return undefined;
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first in line (a Set keeps the order they came in); only when
      // none waits does it free up.
      const next = this.line.values().next();
      if (!next.done) {
        this.line.delete(next.value);
        next.value();
      } else this.active--;
    };
  }
}
