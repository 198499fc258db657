// The production front (deploy/nginx.conf.template) as an attacker meets it: it forwards only the request
// headers the site reads, never caches what the app marks private, and its own refusals carry the headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/lib/next-server";
import { startNginx, type RunningNginx } from "../../scripts/lib/nginx";
import { hostileValue, NEXT_INTERNAL_HEADERS } from "../unit/next-internal-headers";
import { rawRequest } from "./fetch-page";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("in front of a recording upstream", () => {
  let upstream: http.Server;
  let nginx: RunningNginx;
  const seen: http.IncomingHttpHeaders[] = [];
  let privateAnswers = 0;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith("/private"))
        res
          .writeHead(200, { "content-type": "text/html", "cache-control": "private, no-store" })
          .end(`private ${++privateAnswers}`);
      else if (req.url?.startsWith("/no-store"))
        res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store, must-revalidate" }).end(`{}`);
      else res.writeHead(200, { "content-type": "text/html", "cache-control": "s-maxage=60" }).end("page");
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
