// Long work done in slices: between two slices the requests waiting behind it run, so no request holds
// the event loop for long whatever its size (issue #28: searches, sitemaps).

/** Resolves after the requests already waiting (I/O callbacks, timers) have had their turn. */
export const yieldToReaders = () => new Promise<void>((resolve) => setImmediate(resolve));
