// Errors a server logs, at most once per kind per window: one client repeating a failing request must not
// fill the disk with the same stack trace (13 MB in 18 s, issue #28), and the first of each kind is whole.

/** How long the same kind of error is logged once, and the rest counted. */
export const ERROR_LOG_WINDOW_MS = 60_000;

type Seen = { since: number; suppressed: number };

/** Logs each kind of error (its key) once per window, then how many more there were when the window ends. */
export class ErrorLog {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly write: (...parts: unknown[]) => void = console.error,
    private readonly window = ERROR_LOG_WINDOW_MS,
    private readonly kinds = 1000,
  ) {}

  /** Logs `message` and `error` unless an error of the same kind (its key) was logged within the window. */
  report(message: string, error: unknown, now = Date.now()): void {
    const key = errorKind(error);
    const seen = this.seen.get(key);
    if (seen && now - seen.since < this.window) {
      seen.suppressed++;
      return;
    }
    if (seen?.suppressed)
      this.write(`${seen.suppressed} more like the following in the last ${Math.round((now - seen.since) / 1000)} s`);
    this.write(message, error);
    this.seen.delete(key);
    // Kinds are few in a healthy server; a flood of distinct ones forgets the oldest.
    if (this.seen.size >= this.kinds) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, { since: now, suppressed: 0 });
  }
}

/** An error's kind: its class, message and the place it was thrown (the stack's first frame). */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const frame = error.stack?.split("\n").find((line) => line.trimStart().startsWith("at ")) ?? "";
  return `${error.name}: ${error.message.slice(0, 200)} ${frame.trim()}`;
}
