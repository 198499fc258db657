// The production front (deploy/nginx.conf.template) as an attacker meets it: it forwards only the request
// headers the site reads, never caches what the app marks private, and its own refusals carry the headers.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { visitorNetwork } from "@/lib/engagement/rules";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/lib/next-server";
import { startNginx, type RunningNginx } from "../../scripts/lib/nginx";
import { hostileValue, NEXT_INTERNAL_HEADERS } from "../unit/next-internal-headers";
import { rawRequest } from "./fetch-page";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A GET by node:http, which sends any Host and header a client can. */
function get(base: string, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, base), { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** A random lower-case hex string of `length`. */
const hex = (length: number) => Array.from({ length }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");

describe("in front of a recording upstream", () => {
  let upstream: http.Server;
  let nginx: RunningNginx;
  const seen: http.IncomingHttpHeaders[] = [];
  let privateAnswers = 0;
  const urls: string[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      urls.push(req.url ?? "");
      if (req.url?.startsWith("/private"))
        res
          .writeHead(200, { "content-type": "text/html", "cache-control": "private, no-store" })
          .end(`private ${++privateAnswers}`);
      else if (req.url?.startsWith("/no-store"))
        res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store, must-revalidate" }).end(`{}`);
      else if (req.url?.startsWith("/api/search"))
        res
          .writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=60", vary: "Accept-Encoding" })
          .end("{}");
      else
        res
          .writeHead(200, {
            "content-type": "text/html",
            "cache-control": "s-maxage=60",
            vary: "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding",
          })
          .end("page");
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    nginx = startNginx(await freePort(), (upstream.address() as AddressInfo).port);
  });
  afterAll(() => {
    nginx?.stop();
    upstream?.close();
  });

  it("never caches a response the app marks private or no-store", async () => {
    for (const path of ["/private", "/no-store"]) {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(nginx.url + path);
        await response.text();
        expect(response.headers.get("x-cache"), path).not.toBe("HIT");
      }
    }
    expect(privateAnswers).toBe(3);
  });

  it("forwards none of Next's internal headers, and the ones the site reads", async () => {
    seen.length = 0;
    const headers: Record<string, string> = Object.fromEntries(NEXT_INTERNAL_HEADERS.map((h) => [h, hostileValue(h)]));
    await (
      await fetch(`${nginx.url}/api/anything`, {
        headers: { ...headers, "x-made-up-header": "1", rsc: "1", "idempotency-key": "k1", origin: "https://news.example.kr" },
      })
    ).text();
    const received = seen.at(-1)!;
    for (const header of [...NEXT_INTERNAL_HEADERS, "x-made-up-header"]) expect(received[header], header).toBeUndefined();
    expect(received).toMatchObject({ rsc: "1", "idempotency-key": "k1", origin: "https://news.example.kr" });
    expect(received["x-forwarded-for"]).toBe("127.0.0.1");
    expect(received.host).toBe(new URL(nginx.url).host);
  });

  // Each class of request a client can vary without changing the page: a burst of them reaches the app
  // at most once a second (the first, and one more if the burst crosses a second).
  const VARIED: [string, (i: number) => [string, Record<string, string>]][] = [
    ["random query strings", (i) => [`/articles/a?utm_source=${hex(8)}&x${i}=${hex(4)}`, {}]],
    [
      "Accept-Encoding strings",
      () => ["/articles/b", { "accept-encoding": `gzip;q=0.${hex(3).replace(/\D/g, "1")}, x-${hex(6)}` }],
    ],
    ["router state trees without RSC", () => ["/articles/c", { "next-router-state-tree": hex(40), "next-router-prefetch": "1" }]],
    ["a moderator's cookie of any value", () => ["/articles/d", { cookie: `admin_session=${hex(32)}` }]],
    ["user agents of browsers", (i) => ["/articles/e", { "user-agent": `Mozilla/5.0 (${hex(10)}) Chrome/${100 + i}` }]],
  ];
  it.each(VARIED)("keeps one cache entry for a page whatever %s it is sent with", async (_name, vary) => {
    const pathOf = vary(0)[0].split("?")[0]!;
    await sleep(1100);
    urls.length = 0;
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => get(nginx.url, ...vary(i))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(urls.filter((url) => url.split("?")[0] === pathOf).length).toBeLessThanOrEqual(2);
  });

  it("forwards and keys only the query parameters pages read", async () => {
    urls.length = 0;
    await get(nginx.url, "/search?q=%ED%81%B4&page=2&utm=1&_rsc=abc");
    expect(urls.at(-1)).toBe("/search?q=%ED%81%B4&page=2&_rsc=abc");
    // Next redirects an RSC request without router headers to "?_rsc" and must get it back, value or not.
    await get(nginx.url, "/articles/h?_rsc", { rsc: "1" });
    expect(urls.at(-1)).toBe("/articles/h?_rsc=");
    const other = await get(nginx.url, "/search?q=other");
    expect(other.headers["x-cache"]).not.toBe("HIT");
    expect(urls.at(-1)).toBe("/search?q=other&");
  });

  it("forwards and keys search's sort and filters only on search, and only values the app reads", async () => {
    urls.length = 0;
    const filters = "sort=newest&period=custom&from=2008-11-01&to=2008-11-30&section=economy";
    await get(nginx.url, `/search?q=x&${filters}&utm=1`);
    expect(urls.at(-1)).toBe(`/search?q=x&${filters}&`);
    await get(nginx.url, `/search?q=x&sort=${hex(8)}&period=forever&from=2026-1-1&section=../admin`);
    expect(urls.at(-1)).toBe("/search?q=x&");
    await get(nginx.url, `/articles/a?sort=newest&section=economy`);
    expect(urls.at(-1)).toBe("/articles/a?");
    urls.length = 0;
    const query = `/api/search?q=${hex(6)}&limit=5`;
    await get(nginx.url, `${query}&sort=oldest`);
    await get(nginx.url, `${query}&sort=newest`);
    expect(await get(nginx.url, `${query}&sort=newest`).then((a) => a.headers["x-cache"])).toBe("HIT");
    expect(urls).toEqual([
      `/api/search?sort=oldest&q=${query.slice("/api/search?q=".length, -"&limit=5".length)}&page=&limit=5`,
      `/api/search?sort=newest&q=${query.slice("/api/search?q=".length, -"&limit=5".length)}&page=&limit=5`,
    ]);
  });

  it("keeps search-as-you-type's public answers, forwarding only the parameters the route reads", async () => {
    urls.length = 0;
    const query = `/api/search?q=${hex(6)}&limit=5`;
    await get(nginx.url, `${query}&junk=${hex(4)}`);
    const again = await get(nginx.url, `${query}&junk=${hex(4)}`);
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(urls).toEqual([`${query.replace("&limit=5", "&page=&limit=5")}`]);
  });

  it("sends the moderator's cookie to moderation and the API only", async () => {
    seen.length = 0;
    await get(nginx.url, `/articles/f?${hex(4)}`, { cookie: "admin_session=abc" });
    await get(nginx.url, "/api/anything", { cookie: "admin_session=abc" });
    expect(seen.map((headers) => headers.cookie ?? "")).toEqual(["", "admin_session=abc"]);
  });

  it("refuses host names that are not the site's, with the security headers, before the app or the cache", async () => {
    urls.length = 0;
    for (const host of ["evil.example", `${hex(12)}.example`, "127.0.0.2", "news.example.kr.evil"]) {
      const answer = await get(nginx.url, "/articles/g", { host });
      expect({ host, status: answer.status }).toEqual({ host, status: 421 });
      expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    }
    expect(urls).toEqual([]);
  });

  it("answers an oversized header itself with the security headers", async () => {
    const answer = await get(nginx.url, "/", { cookie: `a=${"x".repeat(40_000)}` });
    expect(answer.status).toBe(400);
    expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("the template's client key", () => {
  // The map from the template, in an nginx of its own whose client address a test header sets (realip
  // prints it in nginx's canonical form, as $remote_addr is).
  let prefix: string;
  let base: string;
  beforeAll(async () => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nginx-map-"));
    const template = fs.readFileSync(path.resolve("deploy/nginx.conf.template"), "utf8");
    const map = /^ {2}map \$remote_addr \$client_net \{[\s\S]*?^ {2}\}/m.exec(template)![0];
    const port = await freePort();
    fs.writeFileSync(
      path.join(prefix, "nginx.conf"),
      `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log warn;\nevents {}\nhttp {\naccess_log off;\n${map}\n` +
        `server { listen 127.0.0.1:${port}; set_real_ip_from 127.0.0.1; real_ip_header X-Test-Address;\n` +
        `location / { return 200 "$client_net"; } }\n}\n`,
    );
    const started = spawnSync("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { encoding: "utf8" });
    if (started.status !== 0) throw new Error(started.stderr);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    spawnSync("nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-s", "quit"]);
  });

  it("counts every address of one IPv6 /64 as one client, and different /64s apart, as the app does", async () => {
    // Addresses with many zero groups, where the canonical form's "::" falls anywhere.
    const group = () => (Math.random() < 0.5 ? "0" : hex(1 + Math.floor(Math.random() * 4)).replace(/^0+(?=.)/, ""));
    const prefixes = Array.from({ length: 40 }, () => Array.from({ length: 4 }, group).join(":"));
    const addresses = prefixes.flatMap((p) =>
      Array.from({ length: 6 }, () => `${p}:${Array.from({ length: 4 }, group).join(":")}`),
    );
    const keys = new Map<string, string>();
    for (const address of [...addresses, "1.2.3.4", "10.0.0.1", "::ffff:1.2.3.4", "::1", "::", "1::", "::1:2:3:4:5:6"])
      keys.set(address, (await get(base, "/", { "x-test-address": address })).body);
    for (const a of keys.keys())
      for (const b of keys.keys())
        expect({ a, b, same: keys.get(a) === keys.get(b) }).toEqual({ a, b, same: visitorNetwork(a) === visitorNetwork(b) });
  });
});

describe("in front of the fixture site", () => {
  let nginx: RunningNginx;
  beforeAll(async () => {
    nginx = startNginx(await freePort(), Number(new URL(inject("siteUrl")).port));
  });
  afterAll(() => nginx?.stop());

  it.each(NEXT_INTERNAL_HEADERS)("after a request with %s, plain readers still get the full article", async (header) => {
    // Past the 1 s microcache, so the attacker's request is the one that fills it.
    await sleep(1100);
    const attacked = await fetch(`${nginx.url}/articles/sports-note`, {
      headers: { [header]: hostileValue(header) },
      redirect: "manual",
    });
    await attacked.text();
    for (let i = 0; i < 2; i++) {
      const plain = await fetch(`${nginx.url}/articles/sports-note`);
      const html = await plain.text();
      expect(plain.status).toBe(200);
      expect(html).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/i);
    }
  });

  it("keeps a page's gzip and plain copies once each, and serves each as it is kept", async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${nginx.url}/articles/cluster-visit`, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const browsers = ["gzip, deflate, br, zstd", "br, gzip", `gzip, x-${hex(6)}`];
    const plainOnes = ["", "identity", "gzip;q=0", `x-${hex(6)}`];
    // Entries live to the end of their second: the first of each kind fills one, the rest must hit it
    // within that second (under load a render can cross it; then the round is tried again).
    for (let attempt = 0; attempt < 5; attempt++) {
      await sleep(1000 - (Date.now() % 1000) + 20);
      const second = Math.floor(Date.now() / 1000);
      const zipped = [];
      for (const encoding of browsers) zipped.push(await raw({ "accept-encoding": encoding }));
      const plain = [];
      for (const encoding of plainOnes) plain.push(await raw({ "accept-encoding": encoding }));
      if (Math.floor(Date.now() / 1000) !== second) continue;
      for (const answer of zipped) {
        expect(answer.headers["content-encoding"]).toBe("gzip");
        expect(gunzipSync(answer.body).toString()).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/i);
      }
      for (const answer of plain) {
        expect(answer.headers["content-encoding"]).toBeUndefined();
        expect(answer.body.toString()).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>$/i);
      }
      // Every browser string after the first, and every plain one after the first, came from one entry.
      expect([...zipped.slice(1), ...plain.slice(1)].map((answer) => answer.headers["x-cache"])).toEqual(Array(5).fill("HIT"));
      return;
    }
    throw new Error("never fetched both kinds within one second");
  });

  it("refuses Server Function calls, posts to pages and TRACE itself, with the security headers and no version", async () => {
    const checks: [string, RequestInit, number][] = [
      ["/", { headers: { "next-action": "x" } }, 403],
      ["/articles/sports-note", { method: "POST", body: "x" }, 403],
      [
        "/api/articles/sports-note/comments",
        { method: "POST", body: "x".repeat(100_000), headers: { "content-type": "application/json" } },
        413,
      ],
    ];
    for (const [path, init, status] of checks) {
      const response = await fetch(nginx.url + path, init);
      expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(status);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("server")).toBe("nginx");
      expect(await response.text()).not.toMatch(/nginx\/\d/);
    }
  });

  it("answers TRACE itself with 405 and the security headers", async () => {
    const response = await rawRequest(nginx.url, "TRACE", "/");
    expect(response.status).toBe(405);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("accepts a same-origin write on a non-default port (Host keeps the port, as Origin does)", async () => {
    const response = await fetch(`${nginx.url}/api/articles/sports-note/shares`, {
      method: "POST",
      headers: { origin: nginx.url },
    });
    expect(response.status).toBe(200);
  });

  it("limits one client's writes per second before they reach the app", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        fetch(`${nginx.url}/api/articles/sports-note/reads`, { method: "POST" }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(answers.filter((s) => s === 200).length).toBeGreaterThan(0);
  });
});
