// An anonymous client talking to the app directly (no nginx): Next-internal headers change nothing, pages
// take no Server Function calls or odd methods, bad addresses and bodies get a 4xx with the security headers.
import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { hostileValue, NEXT_INTERNAL_HEADERS } from "../unit/next-internal-headers";
import { rawRequest } from "./fetch-page";

const url = (path: string) => inject("siteUrl") + path;
const ARTICLE = "/articles/cluster-visit";

function expectSecurityHeaders(headers: Headers) {
  expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
}

async function isFullArticle(response: Response): Promise<boolean> {
  const html = await response.text();
  return (
    response.status === 200 && /^<!DOCTYPE html>/i.test(html) && html.includes("시험 사이언스 파크") && html.includes("</html>")
  );
}

describe("Next-internal request headers from outside", () => {
  it.each(NEXT_INTERNAL_HEADERS)(
    "%s changes nothing: the answer and the next plain request are the full page",
    async (header) => {
      for (const path of [ARTICLE, "/", "/sections/economy"]) {
        const attacked = await fetch(url(path), { headers: { [header]: hostileValue(header) }, redirect: "manual" });
        const body = await attacked.text();
        expect(attacked.status, `${header} on ${path}`).toBe(200);
        expect(body, `${header} on ${path}`).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/i);
        if (path === ARTICLE) expect(await isFullArticle(await fetch(url(path)))).toBe(true);
      }
    },
  );
});

describe("requests no route of this site takes", () => {
  it("refuses a Server Function call (Next-Action) on a page, with the security headers", async () => {
    for (const [method, path] of [
      ["POST", ARTICLE],
      ["POST", "/"],
      ["GET", "/"],
      ["POST", "/api/articles/cluster-visit/comments"],
    ]) {
      const response = await fetch(url(path!), {
        method,
        headers: { "next-action": "7f0000000000000000000000000000000000000000", "content-type": "text/plain;charset=UTF-8" },
        body: method === "POST" ? "[]" : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expectSecurityHeaders(response.headers);
    }
  });

  it("refuses a form post to a page (a Server Function without the header), 405 with Allow", async () => {
    const form = new FormData();
    form.set("$ACTION_ID_7f00", "");
    const response = await fetch(url(ARTICLE), { method: "POST", body: form });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expectSecurityHeaders(response.headers);
  });

  it.each(["TRACE", "PUT", "PATCH", "OPTIONS"])("answers %s with 405 and the security headers", async (method) => {
    for (const path of ["/", ARTICLE, "/api/search?q=x"]) {
      const response = await rawRequest(inject("siteUrl"), method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expectSecurityHeaders(response.headers);
    }
  });

  it.each(["/articles/%ff", "/%ff", "/sections/%c0", "/tags/%E0%A4%A", "/articles/a%00b", "/api/articles/%ff/comments"])(
    "answers the undecodable address %s with 400 and the security headers",
    async (path) => {
      const response = await fetch(url(path));
      expect(response.status).toBe(400);
      expectSecurityHeaders(response.headers);
    },
  );
});

it("answers headers too large for the parser with 431 and the security headers", async () => {
  const response = await fetch(url("/"), { headers: { "x-padding": "a".repeat(20_000) } });
  expect(response.status).toBe(431);
  expectSecurityHeaders(response.headers);
});

describe("bodies", () => {
  it("refuses a huge chunked body after reading no more than the cap", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // 50 MB if it were all read; a pause per chunk gives the server the chance to answer early.
        if (sent >= 50 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        await new Promise((resolve) => setTimeout(resolve, 2));
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(url("/api/articles/cluster-visit/comments"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.77" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(8 * 1024 * 1024);
  });

  it("refuses a NUL in the idempotency key with 400", async () => {
    const response = await fetch(url("/api/articles/cluster-visit/comments"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.78" },
      body: JSON.stringify({ nickname: "키", body: "널 문자 키", password: "pass1234", idempotencyKey: "a\u0000b" }),
    });
    expect(response.status).toBe(400);
  });
});

describe("health", () => {
  it("answers the health probe with 200 while the database answers", async () => {
    const response = await fetch(url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe("readers who leave while waiting their turn", () => {
  /**
   * Sends each of `paths` on a connection of its own, as another reader (X-Forwarded-For), and closes the
   * connection `leaveAfterMs` later, answered or not.
   */
  function sendAndLeave(paths: string[], headers: string, leaveAfterMs: number): Promise<void> {
    const { hostname, port } = new URL(inject("siteUrl"));
    return Promise.all(
      paths.map(
        (path, i) =>
          new Promise<void>((resolve) => {
            const socket = net.connect(Number(port), hostname, () => {
              socket.write(
                `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nX-Forwarded-For: 10.9.${i >> 8}.${i & 255}\r\n${headers}\r\n`,
              );
              setTimeout(() => socket.destroy(), leaveAfterMs);
            });
            socket.on("error", () => undefined);
            socket.on("close", () => resolve());
          }),
      ),
    ).then(() => undefined);
  }

  // Renders and searches run a few at a time (lib/http/client-limits.ts); a request whose reader left while
  // it waited still got a turn, and its turn was never given back: a few hundred such requests (one
  // client closing connections early) stopped every page that reaches Next, for good.
  it.each([
    ["pages that reach Next", (i: number) => `${ARTICLE}?leave=${i}`, 'If-None-Match: "gone"\r\n'],
    ["searches", (i: number) => `/search?q=${encodeURIComponent(`클러스터 ${i}`)}`, ""],
  ])(
    "%s: their turns are given back, and the next reader is answered",
    async (_, pathOf, headers) => {
      for (const leaveAfterMs of [2, 10, 40])
        await sendAndLeave(
          Array.from({ length: 150 }, (_, i) => pathOf(i)),
          headers,
          leaveAfterMs,
        );
      const answered = await fetch(url(pathOf(9999)), {
        headers: { "If-None-Match": '"still-here"', "X-Forwarded-For": "10.8.0.1" },
        signal: AbortSignal.timeout(15_000),
      });
      expect(answered.status).toBe(200);
    },
    60_000,
  );
});
