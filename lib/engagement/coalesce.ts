// Coalesced invalidation: however fast writes come, a cache tag is invalidated at most once per interval.

/**
 * Returns `invalidate(tag)`. The first call for a tag fires at once; calls within `intervalMs` of that one
 * schedule a single trailing fire at the interval's end, which covers every write made meanwhile (they have
 * committed before it fires). Only the call that scheduled it waits for it, so the fire runs inside a live
 * request; the others return at once.
 */
export function invalidationCoalescer(
  intervalMs: number,
  fire: (tag: string) => void,
  clock: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): (tag: string) => Promise<void> {
  const lastFired = new Map<string, number>();
  const pending = new Set<string>();
  return async (tag) => {
    if (pending.has(tag)) return;
    const wait = (lastFired.get(tag) ?? -Infinity) + intervalMs - clock();
    if (wait > 0) {
      pending.add(tag);
      try {
        await sleep(wait);
      } finally {
        pending.delete(tag);
      }
    }
    lastFired.set(tag, clock());
    fire(tag);
  };
}
