// The portal server's own microcache (lib/http/page-microcache.ts), talked to directly as a reader, a
// crawler, the client router and a writer would: every kind of request gets what Next gives that kind,
// never another kind's page, and a write shows on the next read.
import http from "node:http";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { expect, inject, it } from "vitest";

const ARTICLE = "/articles/cluster-visit";
const BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One request by node:http: the bytes as sent (fetch would undo the gzip, hiding which copy came back). */
function raw(pathname: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, inject("siteUrl")), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Waits for the start of the next second, so the requests after it share the second's entries. */
async function startOfSecond() {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
}

/** Runs `steps` within one second of the clock, trying again in the next when a slow step crossed it. */
async function withinOneSecond(steps: () => Promise<void>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await startOfSecond();
    const second = Math.floor(Date.now() / 1000);
    await steps();
    if (Math.floor(Date.now() / 1000) === second) return;
  }
  throw new Error("the steps never fit in one second");
}

const KINDS: { name: string; headers: Record<string, string> }[] = [
  { name: "a browser", headers: { "user-agent": BROWSER, accept: "text/html" } },
  { name: "a browser taking gzip", headers: { "user-agent": BROWSER, "accept-encoding": "gzip, deflate, br, zstd" } },
  { name: "Naver's crawler", headers: { "user-agent": "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)" } },
  { name: "Googlebot", headers: { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } },
  { name: "the client router", headers: { "user-agent": BROWSER, rsc: "1" } },
  { name: "a router prefetch", headers: { "user-agent": BROWSER, rsc: "1", "next-router-prefetch": "1" } },
];

it("answers each kind of request with that kind's page, never another's", async () => {
  for (const path of [ARTICLE, "/"]) {
    // What Next itself answers each kind: a conditional request that matches nothing always reaches Next.
    // The client router's requests carry an `_rsc` value Next derives from their headers; without it, Next
    // redirects them to the address that has it.
    const own = new Map<string, Raw>();
    const address = new Map<string, string>();
    for (const kind of KINDS) {
      let answer = await raw(path, { ...kind.headers, "if-none-match": '"none"' });
      address.set(kind.name, answer.status === 307 ? String(answer.headers.location) : path);
      if (answer.status === 307) answer = await raw(address.get(kind.name)!, { ...kind.headers, "if-none-match": '"none"' });
      expect({ path, kind: kind.name, status: answer.status }).toEqual({ path, kind: kind.name, status: 200 });
      own.set(kind.name, answer);
    }
    expect(own.get("the client router")!.headers["content-type"]).toContain("text/x-component");
    expect(own.get("Naver's crawler")!.body.equals(own.get("a browser")!.body), "Next answers crawlers another page").toBe(false);
    for (const first of KINDS) {
      await withinOneSecond(async () => {
        await raw(address.get(first.name)!, first.headers);
        const again = await raw(address.get(first.name)!, first.headers);
        // Next renders crawlers that run no scripts anew each time (private, no-store): never kept.
        const kept = !/private|no-store/.test(String(own.get(first.name)!.headers["cache-control"]));
        expect({ path, kind: first.name, cache: again.headers["x-portal-cache"] }).toEqual({
          path,
          kind: first.name,
          cache: kept ? "HIT" : undefined,
        });
        for (const kind of KINDS) {
          const answer = await raw(address.get(kind.name)!, kind.headers);
          const expected = own.get(kind.name)!;
          expect({
            path,
            first: first.name,
            kind: kind.name,
            type: answer.headers["content-type"],
            encoding: answer.headers["content-encoding"],
          }).toEqual({
            path,
            first: first.name,
            kind: kind.name,
            type: expected.headers["content-type"],
            encoding: expected.headers["content-encoding"],
          });
          expect(answer.body.equals(expected.body), `${kind.name} after ${first.name} on ${path}`).toBe(true);
        }
      });
    }
  }
});

it("answers a HEAD from the page's entry with the page's headers and no body", async () => {
  await withinOneSecond(async () => {
    const page = await raw(ARTICLE);
    const head = await raw(ARTICLE, {}, "HEAD");
    expect(head.headers["x-portal-cache"]).toBe("HIT");
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(page.body.length));
    expect(head.headers["etag"]).toBe(page.headers["etag"]);
    expect(head.headers["content-security-policy"]).toBe(page.headers["content-security-policy"]);
  });
});

it("shows a comment on the next read of the page, within the same second", async () => {
  const text = `바로 보이는 댓글 ${Date.now()}`;
  await withinOneSecond(async () => {
    await raw(ARTICLE);
    expect((await raw(ARTICLE)).headers["x-portal-cache"]).toBe("HIT");
    const posted = await raw(
      `/api/articles/cluster-visit/comments`,
      { "content-type": "application/json", "x-forwarded-for": "198.51.100.71" },
      "POST",
      JSON.stringify({ nickname: "즉시", body: text, password: "pass1234" }),
    );
    expect(posted.status).toBe(201);
    const after = await raw(ARTICLE);
    expect(after.headers["x-portal-cache"]).toBeUndefined();
    expect(after.body.toString("utf8")).toContain(text);
  });
});

it("keeps its pages through refused writes, so a flood of them cannot empty it", async () => {
  await withinOneSecond(async () => {
    await raw(ARTICLE);
    for (let i = 0; i < 5; i++) {
      const refused = await raw(
        `/api/articles/cluster-visit/comments`,
        { "content-type": "application/json", "x-forwarded-for": "198.51.100.72" },
        "POST",
        "{not json",
      );
      expect(refused.status).toBeGreaterThanOrEqual(400);
    }
    expect((await raw(ARTICLE)).headers["x-portal-cache"]).toBe("HIT");
  });
});

it("never answers a conditional request or a private page from it", async () => {
  await withinOneSecond(async () => {
    for (let i = 0; i < 2; i++) {
      expect((await raw(ARTICLE, { "if-none-match": '"none"' })).headers["x-portal-cache"]).toBeUndefined();
      expect((await raw("/search?q=%EC%98%A4%EC%B0%BD")).headers["x-portal-cache"]).toBeUndefined();
      expect((await raw("/no-such-page")).headers["x-portal-cache"]).toBeUndefined();
    }
  });
  // Next still answers a matching conditional request with 304 itself.
  const page = await raw(ARTICLE);
  expect((await raw(ARTICLE, { "if-none-match": String(page.headers["etag"]) })).status).toBe(304);
});

it("compresses pages at gzip level 4 (half the time of zlib's default for 3 % more bytes), brotli for clients that take it", async () => {
  const plain = await raw(ARTICLE, { "if-none-match": '"none"' });
  const gzip = await raw(ARTICLE, { "if-none-match": '"none"', "accept-encoding": "gzip" });
  const brotli = await raw(ARTICLE, { "if-none-match": '"none"', "accept-encoding": "gzip, deflate, br, zstd" });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(brotli.headers["content-encoding"]).toBe("br");
  for (const answer of [plain, gzip, brotli]) expect(answer.headers["vary"]).toContain("Accept-Encoding");
  expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  // Deflate's output depends on its level, not on how the page was written to it: level 4's length exactly.
  expect(gzip.body.length).toBe(gzipSync(plain.body, { level: 4 }).length);
  expect(gzip.body.length).not.toBe(gzipSync(plain.body).length);
  // A HEAD is never compressed (nor was it by Next): its Content-Length is the plain page's.
  const head = await raw(ARTICLE, { "if-none-match": '"none"', "accept-encoding": "gzip" }, "HEAD");
  expect(head.headers["content-encoding"]).toBeUndefined();
});
