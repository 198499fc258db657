/** Applies invalidations made by other instances to this process's tag map (at most every 200 ms). */
export function pullSharedTags(): Promise<void>;
/** Publishes this process's state of `tags` (just invalidated here) for the other instances. */
export function pushSharedTags(tags: string[]): Promise<void>;
/** Marks `tags` expired as of now in this process only: everything cached under them before is rendered anew. */
export function expireTagsNow(tags: string[]): void;
/** Calls `listener` after every change to this process's tag map; returns a function that stops it. */
export function onTagsChange(listener: (tag: string) => void): () => void;
