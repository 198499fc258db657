// The portal server's own microcache: a page Next has just answered is answered again from memory, byte for
// byte, until the end of the second it was made in. It is nginx's microcache (deploy/nginx.conf.template)
// kept inside each instance, with the same rules, so an instance served without nginx does not run Next's
// whole page machinery (cache lookup, tag checks, ETag, gzip of 80 KB) for every reader of the same page
// (BENCHMARKS.md, "Throughput"). Pure rules plus one bounded map; the server (server/portal-server.ts)
// captures and replays the responses.

import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import { edgeRule } from "@/lib/http/edge-policy";

/** What a cached answer holds: Next's status, its headers as sent, and the body bytes (already encoded). */
export type CachedPage = { status: number; headers: Record<string, string | string[]>; body: Buffer };

type Entry = { page: CachedPage; expires: number; second: number };

/**
 * The request headers Next varies a page on (its `Vary`), besides the URL: the client router's headers and
 * the encoding. A response that varies on anything else is not stored (`storable`), so a future Next that
 * adds a header to `Vary` is served uncached rather than mixed up.
 */
export const KEYED_REQUEST_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "accept-encoding",
] as const;

/** Beyond this a header value is not a client's own: such a request is served uncached. */
const MAX_KEYED_VALUE = 512;

type RequestLike = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

/**
 * The cache key of a page request, or null when it must reach Next: anything but GET and HEAD, the paths
 * the edge policy does not microcache (lib/http/edge-policy.ts), and conditional requests, which Next answers with 304 itself. A moderator's session cookie does
 * not count: no page reads it (moderation is /admin, never cached), so a forged one costs no more than
 * any reader. Besides the keyed headers, the key holds Next's own class of the User-Agent:
 * Next answers crawlers that cannot run scripts (Naver's Yeti, Bingbot, Lighthouse...) a page without its
 * RSC payload, and says so in no `Vary`; that page given to a browser would leave its islands dead.
 */
export function microcacheKey({ method, url, headers }: RequestLike): string | null {
  if ((method !== "GET" && method !== "HEAD") || !url?.startsWith("/")) return null;
  if (!edgeRule(url.split("?")[0]!).microcached) return null;
  if (headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined) return null;
  const userAgent = headers["user-agent"];
  const parts = [url, getBotType(Array.isArray(userAgent) ? userAgent.join(" ") : (userAgent ?? "")) ?? ""];
  for (const name of KEYED_REQUEST_HEADERS) {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(",") : (value ?? "");
    if (text.length > MAX_KEYED_VALUE) return null;
    parts.push(name === "accept-encoding" ? encodingKey(text) : text);
  }
  return parts.join("\u0000");
}

/**
 * What of an Accept-Encoding string decides Next's answer: the codings it names that Next can send. A
 * string with weights is kept whole (gzip;q=0 refuses gzip), so only the plain lists browsers send merge.
 */
function encodingKey(acceptEncoding: string): string {
  if (acceptEncoding.includes(";")) return acceptEncoding;
  const codings = new Set(
    acceptEncoding
      .toLowerCase()
      .split(",")
      .map((coding) => coding.trim()),
  );
  return ["br", "gzip", "deflate", "*"].filter((coding) => codings.has(coding)).join(",");
}

const STORED_STATUSES = new Set([200, 301, 308, 404]);

function headerText(value: string | string[] | number | undefined): string {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

/**
 * Whether Next's answer may be given to the next reader too: the statuses nginx keeps, nothing marked
 * private or no-store (dynamic pages, the 404 page), no cookie set, and a `Vary` naming only keyed headers.
 */
export function storable(status: number, headers: Record<string, string | string[] | number | undefined>): boolean {
  if (!STORED_STATUSES.has(status)) return false;
  if (/private|no-store/i.test(headerText(headers["cache-control"]))) return false;
  if (headers["set-cookie"] !== undefined) return false;
  const vary = headerText(headers["vary"])
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return vary.every((name) => (KEYED_REQUEST_HEADERS as readonly string[]).includes(name));
}

/** The second (Unix seconds) an answer made at `nowMs` belongs to: it is kept until that second ends. */
export function microcacheSecond(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

/**
 * Pages answered within the current second, at most `maxBytes` of bodies. Entries are stored in the order
 * they were made, so expired ones are the oldest: each store drops them first, then the oldest live ones
 * while over the bound. Nothing outlives its second, so the map never holds more than a second's pages.
 */
export class PageMicrocache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private clears = 0;

  constructor(private readonly maxBytes: number) {}

  /** The page stored under `key` and the second it belongs to, if that second has not ended. */
  get(key: string, nowMs: number): { page: CachedPage; second: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs >= entry.expires) {
      this.delete(key, entry);
      return undefined;
    }
    return { page: entry.page, second: entry.second };
  }

  /**
   * Which clear the cache is at: taken when a request arrives and handed back to `set`, so a page Next began
   * before a write and finished after it is not kept (it may show the state before the write).
   */
  get generation(): number {
    return this.clears;
  }

  /**
   * Keeps `page`, whose request arrived at `madeAtMs` in `generation`, to the end of that second (unless
   * the cache has been cleared since, or the page alone exceeds the bound).
   */
  set(key: string, page: CachedPage, madeAtMs: number, generation: number, nowMs: number): void {
    const previous = this.entries.get(key);
    if (previous) this.delete(key, previous);
    if (generation !== this.clears) return;
    const second = microcacheSecond(madeAtMs);
    const expires = (second + 1) * 1000;
    if (nowMs >= expires || page.body.length > this.maxBytes) return;
    for (const [oldKey, old] of this.entries) {
      if (nowMs < old.expires && this.bytes + page.body.length <= this.maxBytes) break;
      this.delete(oldKey, old);
    }
    this.entries.set(key, { page, expires, second });
    this.bytes += page.body.length;
  }

  /** Forgets every page: a write on this instance (a comment, a count, a moderation) may show on any. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.clears++;
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.page.body.length;
  }
}
