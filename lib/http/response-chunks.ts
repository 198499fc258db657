// The chunks of an answer on their way to the socket, for the portal's server (server/portal-server.ts): a
// way to see or change each (its microcache's capture keeps them), and a long page made bytes where Node
// would otherwise join it to its head as one string too long for V8's ordinary objects (issue 32).
import type http from "node:http";

/**
 * The longest two-byte string V8 makes as an ordinary object (128 KB with its header); longer ones are made
 * in its large-object space, each its own mapping of memory, made and freed by the system.
 */
export const LARGEST_ORDINARY_STRING = 65_528;

/**
 * More than any head this server sends (about 1.3 KB: the security headers, Next's): a chunk shorter than the
 * limit by this much is left a string without counting the head. A longer head would only let such a chunk
 * go on as a string, as every string did before.
 */
const LONGEST_HEAD = 16_384;

/**
 * Characters of the head Node will join to a string answer: its headers as set, and the few lines Node adds
 * (status, Date, Connection, Keep-Alive, length). Nothing once the head has gone: the string goes alone.
 */
function headCharacters(res: http.ServerResponse): number {
  if (res.headersSent) return 0;
  let characters = 256;
  for (const [name, value] of Object.entries(res.getHeaders()))
    characters += name.length + 4 + (Array.isArray(value) ? value.join(", ") : String(value)).length;
  return characters;
}

/**
 * Makes a string written to `res` bytes before it goes on when, joined to the head, it would pass V8's
 * largest ordinary string. Node writes a string answer together with its head as one string (`head +
 * page`); a page of Korean text is a two-byte string, and past 65,528 characters that joined string is made
 * in V8's large-object space on every request. A 65,667-character article page (82.7 KB) from a bare Node
 * server: 1,270–1,320 requests/s as a string, 4,255 as `Buffer.from(page)`, while the same page 4,800
 * characters shorter, as a string, is 5,800 (and faster than as bytes: one write, no copy, so shorter
 * strings are left as they are). ASCII pages of any of these lengths show no such step (BENCHMARKS.md,
 * "Where a page's time goes", twenty-third session).
 */
export function longStringsAsBytes(res: http.ServerResponse): void {
  transformChunks(res, (chunk, rest) =>
    // Most chunks are far shorter than the limit: the head is counted only for one that may pass it with it.
    typeof chunk !== "string" ||
    chunk.length <= LARGEST_ORDINARY_STRING - LONGEST_HEAD ||
    chunk.length + headCharacters(res) <= LARGEST_ORDINARY_STRING
      ? [chunk, ...rest]
      : stringAsBytes(chunk, rest),
  );
}

/** write()'s and end()'s arguments after the chunk: an encoding (for a string), a callback. */
export type ChunkTransform = (chunk: unknown, rest: unknown[]) => unknown[];

/** Passes every chunk written to `res`, by write() and by end(), through `transform` first. */
export function transformChunks(res: http.ServerResponse, transform: ChunkTransform): void {
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    return (write as (...args: unknown[]) => boolean).apply(this, transform(chunk, rest));
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    return (end as (...args: unknown[]) => http.ServerResponse).apply(this, transform(chunk, rest));
  } as typeof res.end;
}

/** A string chunk as bytes in the encoding its arguments name (UTF-8 if none), the other arguments kept. */
export function stringAsBytes(chunk: string, rest: unknown[]): [Buffer, ...unknown[]] {
  const named = typeof rest[0] === "string";
  return [Buffer.from(chunk, named ? (rest[0] as BufferEncoding) : "utf8"), ...(named ? rest.slice(1) : rest)];
}
