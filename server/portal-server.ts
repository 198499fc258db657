// The portal's HTTP server: Next's request handler behind the front door (lib/http/front-door.ts).
// A custom server rather than `next start` because only here is the socket address known (so
// TRUSTED_PROXY_HOPS=0 can mean it), and only here can every response, Next's own errors included, carry
// the security headers, and Next-internal headers be removed before Next reads them.
import http from "node:http";
import compression from "compression";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import next from "next";
import os from "node:os";
import { archive, syncBeforeServing } from "@/lib/archive";
import { databaseConfig } from "@/lib/db/config";
import { expireTagsNow, onTagsChange, pullSharedTags } from "@/lib/cache/shared-tags.cjs";
import { engagementConfig } from "@/lib/engagement/config";
import { ENGAGEMENT_TAG } from "@/lib/engagement/tags";
import { forwardedClient } from "@/lib/engagement/http";
import { visitorNetwork } from "@/lib/engagement/rules";
import { ClientBuckets, Gate, RENDER_GATE, SEARCH_GATE } from "@/lib/http/client-limits";
import { ErrorLog } from "@/lib/http/error-log";
import { frontDoor, microcacheExpiry } from "@/lib/http/front-door";
import { NOT_FOUND_PATH, routePage } from "@/lib/http/page-routing";
import { PageMicrocache, microcacheKey, storable, type CachedPage } from "@/lib/http/page-microcache";
import { SearchThreads, serveSearchesFrom } from "@/lib/archive/search-threads";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { longStringsAsBytes, stringAsBytes, transformChunks } from "@/lib/http/response-chunks";
import { searchThreadCode, syncThreadCode } from "./thread-code";

export type PortalServerOptions = { port: number; hostname: string };

/** Bodies kept by the microcache at most; pages live one second, so this is a second's distinct pages. */
const MICROCACHE_BYTES = 8 * 1024 * 1024;

/** Answers a request from the microcache: Next's status, headers and bytes as it sent them. */
function replay(res: http.ServerResponse, method: string | undefined, page: CachedPage, second: number): void {
  res.writeHead(page.status, {
    ...page.headers,
    "X-Accel-Expires": `@${second}`,
    "Content-Length": String(page.body.length),
    "X-Portal-Cache": "HIT",
  });
  res.end(method === "HEAD" ? undefined : page.body);
}

/**
 * Compresses Next's answers as Next did (the same library, `compression`, and its rules: compressible types
 * from 1 KB, Vary: Accept-Encoding, nothing for HEAD or an answer already encoded), at gzip level 4 instead
 * of zlib's default 6: on the 78 KB article page 1.05 ms instead of 1.9 ms, for 21.0 KB instead of 20.3 KB.
 * Every answer a cache does not hold is compressed on the serving thread's watch (nginx asks for gzip on a
 * browser's behalf), so it was half the cost of a page that reaches Next (issue 32). A client that takes
 * brotli directly gets brotli at quality 4 (15.8 KB, 0.9 ms), the library's default; nginx never asks for it.
 */
const compress = compression({ level: 4 });

/** The search page and search-as-you-type: the renders the search gate admits a few at a time. */
const SEARCH_PATH = /^\/(?:api\/)?search(?:[?/]|$)/;

/** Answers a request the server will not render now (429, 503), with a second to wait. */
function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "1" });
  res.end(`${message}\n`);
}

/**
 * With EVENT_LOOP_REPORT_MS set at start, prints how long the event loop was held (perf_hooks'
 * monitorEventLoopDelay) once per that many milliseconds: what benchmarks read to show that no request
 * stalls the others (npm run bench:abuse). Off by default.
 */
function reportEventLoopDelay(): void {
  const every = Number(process.env.EVENT_LOOP_REPORT_MS || 0);
  if (!(every > 0)) return;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // The longest garbage collection pause of the period, and their sum: what of the delay was V8's own.
  let gcMax = 0;
  let gcKind = "";
  let gcTotal = 0;
  const kinds: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weak-callbacks" };
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) {
      if (entry.duration > gcMax) gcKind = kinds[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other";
      gcMax = Math.max(gcMax, entry.duration);
      gcTotal += entry.duration;
    }
  }).observe({ entryTypes: ["gc"] });
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  setInterval(() => {
    console.log(
      `event-loop-delay p50=${ms(delay.percentile(50))} p99=${ms(delay.percentile(99))} max=${ms(delay.max)} gc-max=${gcMax.toFixed(1)} gc-kind=${gcKind || "none"} gc-total=${gcTotal.toFixed(1)} at=${Date.now()}`,
    );
    delay.reset();
    gcMax = gcTotal = 0;
    gcKind = "";
  }, every).unref();
}

/** Headers that belong to one connection or one moment, never to a kept answer. */
const UNKEPT_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "x-accel-expires", "date"]);

/**
 * Collects what Next writes to `res` (after compression, which wraps these methods later) and hands the
 * complete answer to `done` once it has all been sent; an answer cut short is never handed over. Whether
 * the answer may be kept is known from its headers when its first bytes are written: the body of one that
 * may not (a search, a private page) is not copied.
 */
function capture(res: http.ServerResponse, done: (page: CachedPage) => void): void {
  const chunks: Buffer[] = [];
  let headArgument: http.OutgoingHttpHeaders = {};
  let kept: Record<string, string | string[]> | null | undefined;
  const keptHeaders = () => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries({ ...res.getHeaders(), ...headArgument })) {
      const key = name.toLowerCase();
      if (value !== undefined && !UNKEPT_HEADERS.has(key))
        headers[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return storable(res.statusCode, headers) ? headers : null;
  };
  /**
   * Keeps a copy of `chunk` when the answer may be kept, and says what to send on: a string (Next's whole
   * page, when it is not gzipped) as the bytes kept, encoded once, not once for the copy and again for
   * the socket (encoding an 83 KB page takes ~0.2 ms).
   */
  const collect = (chunk: unknown, rest: unknown[]): unknown[] => {
    if (kept === undefined) kept = keptHeaders();
    if (kept === null || chunk === undefined || typeof chunk === "function") return [chunk, ...rest];
    if (typeof chunk === "string") {
      const bytes = stringAsBytes(chunk, rest);
      chunks.push(bytes[0]);
      return bytes;
    }
    // A copy: a writer may reuse its buffer once written, and a view would keep a larger one alive.
    if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    return [chunk, ...rest];
  };
  transformChunks(res, collect);
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const headers = args.find((arg, i) => i > 0 && arg !== null && typeof arg === "object" && !Array.isArray(arg));
    if (headers) headArgument = headers as http.OutgoingHttpHeaders;
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.once("finish", () => {
    // Headers set after the first bytes (gzip's Content-Encoding is set as the head goes out) are read again.
    const headers = kept && keptHeaders();
    if (headers) done({ status: res.statusCode, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
  });
}

/**
 * Prepares Next for the build NEXT_DIST_DIR names (next.config.ts reads it; passing `conf` here would
 * replace next.config.ts whole) and listens; resolves once it accepts connections.
 */
export async function startPortalServer({ port, hostname }: PortalServerOptions): Promise<http.Server> {
  // On SQLite a search's statements are synchronous: they run in threads of their own, one per core the
  // serving thread leaves free (at most as many as the search gate lets run), so none holds page serving.
  // PostgreSQL's queries wait without blocking, and its searches stay in this thread.
  // PostgreSQL's searches are the database's CPU on the same machine: as many at once as cores the serving
  // thread leaves free too, or a flood of them takes every core from the readers.
  const searchCores = Math.max(1, Math.min(SEARCH_GATE.running, os.availableParallelism() - 1));
  if (databaseConfig().engine !== "postgres") {
    serveSearchesFrom(new SearchThreads(searchThreadCode(), searchCores));
    console.log(`Searches run in ${searchCores} thread(s) of their own (lib/archive/search-threads.ts)`);
  } else {
    await syncBeforeServing(syncThreadCode());
  }
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  // Pages prerendered at build (or cached before a restart) carry the comments of the database the build
  // saw: their live parts render anew on first request, from the database this server uses.
  expireTagsNow([ENGAGEMENT_TAG]);
  const handle = app.getRequestHandler();
  const hops = engagementConfig.trustedProxyHops;
  const microcache = new PageMicrocache(MICROCACHE_BYTES);
  const errors = new ErrorLog();
  const misses = new ClientBuckets();
  const searches = new Gate(databaseConfig().engine === "postgres" ? searchCores : SEARCH_GATE.running, SEARCH_GATE.waiting);
  const renders = new Gate(RENDER_GATE.running, RENDER_GATE.waiting);
  // A comment, a count or a moderation, here or pulled in from another instance, changes Next's answers:
  // none answered before is given again. A refused write changes no tag, so a flood of them empties nothing.
  onTagsChange(() => microcache.clear());
  const server = http.createServer((req, res) => {
    for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
    const decision = frontDoor(req.method, req.url, Object.keys(req.headers));
    if ("refuse" in decision) {
      const { status, message, allow } = decision.refuse;
      res.writeHead(status, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        ...(allow ? { Allow: allow } : {}),
      });
      res.end(`${message}\n`);
      return;
    }
    for (const name of decision.strip) delete req.headers[name];
    const arrived = Date.now();
    const key = microcacheKey(req);
    if (key) {
      const cached = microcache.get(key, arrived);
      if (cached) {
        // Other instances' invalidations still come in (at most every 200 ms); one clears the cache for the
        // requests after this one, which had to wait for nothing.
        void pullSharedTags();
        return replay(res, req.method, cached.page, cached.second);
      }
      // Only a GET's body is whole; a HEAD is answered from the GET's entry.
      if (req.method === "GET") {
        const generation = microcache.generation;
        capture(res, (page) => microcache.set(key, page, arrived, generation, Date.now()));
      }
    }
    // Read by nginx only (it never passes X-Accel-* on); set before Next answers, so Next cannot drop it.
    const expiry = microcacheExpiry((req.url ?? "/").split("?")[0] ?? "/", arrived);
    if (expiry) res.setHeader("X-Accel-Expires", expiry);
    const socketAddress = req.socket.remoteAddress ?? "unknown";
    // Directly exposed (0 hops), what the client wrote is ignored; behind proxies they wrote the header.
    if (hops === 0 || !req.headers["x-forwarded-for"]) req.headers["x-forwarded-for"] = socketAddress;
    // Past both caches a request costs a render: one client's are limited, and searches wait their turn.
    if (
      !req.url?.startsWith("/_next/static/") &&
      !misses.take(visitorNetwork(forwardedClient(String(req.headers["x-forwarded-for"]), hops)), arrived)
    )
      return refuse(res, 429, "요청이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.");
    const searching = SEARCH_PATH.test(req.url ?? "");
    const fail = (error: unknown) => {
      errors.report(`${req.method} ${req.url?.slice(0, 200)} failed`, error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end();
    };
    // Other instances' cache invalidations first, so a page regenerated elsewhere is regenerated here too.
    pullSharedTags()
      .then(async () => {
        // Request time, so "now" is this request's: a scheduled article's old address goes live with it.
        const route = await routePage(archive(), req.url ?? "/", Date.now());
        if ("redirect" in route) {
          res.writeHead(308, { Location: route.redirect, "Content-Type": "text/plain; charset=utf-8" });
          res.end(`${route.redirect}\n`);
          return;
        }
        if ("notFound" in route) req.url = NOT_FOUND_PATH;
        // Searches and other renders each take their turn at a few at a time (lib/http/client-limits.ts).
        const gate = searching ? searches : req.url?.startsWith("/_next/static/") ? undefined : renders;
        // A reader who leaves while in line leaves the line (its place goes to the readers still there).
        const left = new AbortController();
        res.once("close", () => left.abort());
        const release = gate && (await gate.enter(left.signal));
        if (gate && !release && left.signal.aborted) return;
        if (gate && !release)
          return searching
            ? refuse(res, 503, "검색하는 분이 많습니다. 잠시 뒤에 다시 검색해 주세요.")
            : refuse(res, 503, "요청이 많습니다. 잠시 뒤에 다시 시도해 주세요.");
        if (release) {
          // A reader who left while in line has closed already, and its close event will not come again:
          // its turn is given back at once, or every reader who leaves so holds a slot for good.
          if (res.destroyed) return release();
          res.once("close", release);
        }
        // After capture, which keeps bytes already; before compression, which makes its own.
        longStringsAsBytes(res);
        // After capture (above), so the microcache keeps the compressed bytes, as it did Next's.
        compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {});
        return handle(req, res);
      })
      .catch(fail);
  });
  // Requests Node's parser rejects before any handler (oversized or malformed headers) get their 4xx with
  // the security headers too, instead of Node's bare answer.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    const headers = SECURITY_HEADERS.map(({ key, value }) => `${key}: ${value}\r\n`).join("");
    socket.end(`HTTP/1.1 ${status}\r\n${headers}Cache-Control: no-store\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  reportEventLoopDelay();
  // Longer than nginx's upstream keepalive (60 s), so nginx never reuses a connection this side just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  await warmUp(port, hostname);
  return server;
}

/**
 * Pages rendered on every request (search, its API, the moderators' page) render once before the server
 * counts as started: a route's first render compiles its code, and the first search after a start held the
 * event loop 130–600 ms at 100,000 articles (bench:abuse, "slow searches"), the first /admin 170–280 ms at
 * three. Failures are left to the first reader to meet.
 */
async function warmUp(port: number, hostname: string): Promise<void> {
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
  for (const path of ["/search?q=%EA%B8%B0%EC%82%AC", "/api/search?q=%EA%B8%B0%EC%82%AC&limit=5", "/admin"])
    await fetch(`http://${host}:${port}${path}`)
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
}
