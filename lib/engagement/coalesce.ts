// Coalesced invalidation: however fast writes come, a cache tag is invalidated at most once per interval.

/**
 * Returns `invalidate(tag)`. The first call for a tag fires at once; calls within `intervalMs` of the last
 * fire share one trailing fire at the interval's end, which covers every write made meanwhile (they have
 * committed before it fires). Every caller waits for the fire that covers its write, so when a write's
 * response arrives its change is already invalidated (a new comment then reaches readers through nginx's
 * 1 s cache within the 2-second target); the fire runs in the request that scheduled it, still alive.
 */
export function invalidationCoalescer(
  intervalMs: number,
  fire: (tag: string) => void,
  clock: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): (tag: string) => Promise<void> {
  const lastFired = new Map<string, number>();
  const pending = new Map<string, Promise<void>>();
  return (tag) => {
    const waiting = pending.get(tag);
    if (waiting) return waiting;
    const wait = (lastFired.get(tag) ?? -Infinity) + intervalMs - clock();
    if (wait <= 0) {
      lastFired.set(tag, clock());
      fire(tag);
      return Promise.resolve();
    }
    const trailing = sleep(wait).then(() => {
      pending.delete(tag);
      lastFired.set(tag, clock());
      fire(tag);
    });
    pending.set(tag, trailing);
    return trailing;
  };
}
