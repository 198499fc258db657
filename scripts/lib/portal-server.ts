// The portal's HTTP server: Next's request handler behind the front door (lib/http/front-door.ts).
// A custom server rather than `next start` because only here is the socket address known (so
// TRUSTED_PROXY_HOPS=0 can mean it), and only here can every response, Next's own errors included, carry
// the security headers, and Next-internal headers be removed before Next reads them.
import http from "node:http";
import next from "next";
import { archive } from "@/lib/archive";
import { expireTagsNow, pullSharedTags } from "@/lib/cache/shared-tags.cjs";
import { engagementConfig } from "@/lib/engagement/config";
import { ENGAGEMENT_TAG } from "@/lib/engagement/tags";
import { frontDoor, microcacheExpiry } from "@/lib/http/front-door";
import { NOT_FOUND_PATH, routePage } from "@/lib/http/page-routing";
import { SECURITY_HEADERS } from "@/lib/security-headers";

export type PortalServerOptions = { port: number; hostname: string };

/**
 * Prepares Next for the build NEXT_DIST_DIR names (next.config.ts reads it; passing `conf` here would
 * replace next.config.ts whole) and listens; resolves once it accepts connections.
 */
export async function startPortalServer({ port, hostname }: PortalServerOptions): Promise<http.Server> {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  // Pages prerendered at build (or cached before a restart) carry the comments of the database the build
  // saw: their live parts render anew on first request, from the database this server uses.
  expireTagsNow([ENGAGEMENT_TAG]);
  const handle = app.getRequestHandler();
  const hops = engagementConfig.trustedProxyHops;
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
    // Read by nginx only (it never passes X-Accel-* on); set before Next answers, so Next cannot drop it.
    const expiry = microcacheExpiry((req.url ?? "/").split("?")[0] ?? "/", Date.now());
    if (expiry) res.setHeader("X-Accel-Expires", expiry);
    const socketAddress = req.socket.remoteAddress ?? "unknown";
    // Directly exposed (0 hops), what the client wrote is ignored; behind proxies they wrote the header.
    if (hops === 0 || !req.headers["x-forwarded-for"]) req.headers["x-forwarded-for"] = socketAddress;
    const fail = (error: unknown) => {
      console.error(`${req.method} ${req.url} failed`, error);
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
  // Longer than nginx's upstream keepalive (60 s), so nginx never reuses a connection this side just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  return server;
}
