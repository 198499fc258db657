// Long work done in slices: between two slices the requests waiting behind it run, so no request holds
// the event loop for long whatever its size (issue #28: searches, sitemaps).

/** Where Next 16 keeps the setImmediate it replaces (next/dist/server/node-environment-extensions/fast-set-immediate). */
const NEXT_ORIGINALS = Symbol.for("next.fast-set-immediate.originals");

/**
 * Resolves after the requests already waiting (I/O callbacks, timers) have had their turn. While Next
 * renders a page it replaces setImmediate with one that runs within the render's own task, which made a
 * search inside the search page hold the loop 240–375 ms at 100,000 articles although it yielded (the
 * same search through /api/search held it 13–25 ms): Node's own is used.
 */
export function yieldToReaders(): Promise<void> {
  const originals = (globalThis as { [key: symbol]: { setImmediate?: typeof setImmediate } | undefined })[NEXT_ORIGINALS];
  const native = originals?.setImmediate ?? setImmediate;
  return new Promise<void>((resolve) => native(resolve));
}

/** A yield that keeps to the task of a render Next prerenders (sitemaps at build): its own setImmediate. */
export const yieldWithinRender = () => new Promise<void>((resolve) => setImmediate(resolve));
