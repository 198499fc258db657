// The portal server's microcache rules (lib/http/page-microcache.ts) and the nginx key that mirrors them.
import fs from "node:fs";
import { HTML_LIMITED_BOT_UA_RE_STRING, getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import { describe, expect, it } from "vitest";
import { KEYED_REQUEST_HEADERS, PageMicrocache, microcacheKey, storable, type CachedPage } from "@/lib/http/page-microcache";

const BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";
const USER_AGENTS = [
  BROWSER,
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Googlebot",
  "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
  "Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/faq/15/4118.html?faqId=28966)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  "AdsBot-Google (+http://www.google.com/adsbot.html)",
  "Mediapartners-Google",
  "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36 Chrome-Lighthouse",
  "facebookexternalhit/1.1",
  "",
];

const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers });
const page = (bytes: number, status = 200): CachedPage => ({
  status,
  headers: { "content-type": "text/html" },
  body: Buffer.alloc(bytes),
});

describe("which requests the microcache answers", () => {
  it("keys pages by URL and by every request header Next varies them on", () => {
    const plain = microcacheKey(get("/articles/a"));
    expect(plain).not.toBeNull();
    expect(microcacheKey({ method: "HEAD", url: "/articles/a", headers: {} })).toBe(plain);
    expect(microcacheKey(get("/articles/a?x=1"))).not.toBe(plain);
    expect(microcacheKey(get("/articles/b"))).not.toBe(plain);
    const keys = new Set([plain]);
    for (const name of KEYED_REQUEST_HEADERS)
      keys.add(microcacheKey(get("/articles/a", { [name]: name === "accept-encoding" ? "gzip" : "1" })));
    expect(keys.size).toBe(KEYED_REQUEST_HEADERS.length + 1);
  });

  it("keys pages by Next's class of the User-Agent, and only by that", () => {
    const byClass = new Map<string, string | null>();
    for (const userAgent of USER_AGENTS) {
      const key = microcacheKey(get("/", { "user-agent": userAgent }));
      const type = getBotType(userAgent) ?? "";
      if (!byClass.has(type)) byClass.set(type, key);
      expect({ userAgent, same: byClass.get(type) === key }).toEqual({ userAgent, same: true });
    }
    expect(new Set(byClass.values()).size).toBe(3);
  });

  it("sends to Next what it must answer itself", () => {
    for (const method of ["POST", "DELETE", "PUT", "OPTIONS", undefined])
      expect(microcacheKey({ method, url: "/", headers: {} })).toBeNull();
    for (const url of ["/api/search?q=x", "/admin", "/admin/comments", "/_next/static/x.js", "/img/a.webp", "http://evil/"])
      expect(microcacheKey(get(url))).toBeNull();
    expect(microcacheKey(get("/administration"))).not.toBeNull();
    expect(microcacheKey(get("/", { "if-none-match": '"x"' }))).toBeNull();
    expect(microcacheKey(get("/", { "if-modified-since": "Thu, 01 Jan 2026 00:00:00 GMT" }))).toBeNull();
    // A moderator's cookie changes no page: a forged one of any value is served from the cache.
    expect(microcacheKey(get("/", { cookie: "admin_session=abc" }))).toBe(microcacheKey(get("/")));
    expect(microcacheKey(get("/", { cookie: `admin_session=${"x".repeat(40)}` }))).toBe(microcacheKey(get("/")));
    expect(microcacheKey(get("/", { rsc: "1".repeat(10_000) }))).toBeNull();
  });
});

it("keys the encodings a browser accepts, not the string it writes them in", () => {
  const key = (encoding: string) => microcacheKey(get("/", { "accept-encoding": encoding }));
  expect(key("gzip, deflate, br, zstd")).toBe(key("br, gzip, deflate"));
  expect(key(`gzip, x-${Math.random()}`)).toBe(key("gzip"));
  expect(key("gzip")).not.toBe(key(""));
  expect(key("gzip;q=0")).not.toBe(key("gzip"));
});

describe("which answers it keeps", () => {
  it("keeps public pages, redirects and 404s, and nothing private, personal or varied on an unkeyed header", () => {
    const vary = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
    expect(storable(200, { "cache-control": "s-maxage=60, stale-while-revalidate=3540", vary })).toBe(true);
    for (const status of [301, 308, 404]) expect(storable(status, {})).toBe(true);
    for (const status of [201, 204, 206, 302, 304, 307, 400, 429, 500, 503]) expect(storable(status, {})).toBe(false);
    expect(storable(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" })).toBe(false);
    expect(storable(200, { "cache-control": "no-store" })).toBe(false);
    expect(storable(404, { "cache-control": "Private" })).toBe(false);
    expect(storable(200, { "set-cookie": ["a=b"] })).toBe(false);
    expect(storable(200, { vary: `${vary}, Cookie` })).toBe(false);
    expect(storable(200, { vary: "User-Agent" })).toBe(false);
  });
});

describe("PageMicrocache", () => {
  it("keeps a page to the end of the second its request arrived in", () => {
    const cache = new PageMicrocache(1_000_000);
    cache.set("k", page(10), 5_200, cache.generation, 5_300);
    expect(cache.get("k", 5_999)?.second).toBe(5);
    expect(cache.get("k", 6_000)).toBeUndefined();
    expect(cache.size).toEqual({ pages: 0, bytes: 0 });
    // A request that arrived in a second already over is not kept at all.
    cache.set("k", page(10), 5_900, cache.generation, 6_100);
    expect(cache.get("k", 6_100)).toBeUndefined();
  });

  it("does not keep a page begun before a write that cleared it", () => {
    const cache = new PageMicrocache(1_000_000);
    const before = cache.generation;
    cache.set("old", page(10), 1_000, before, 1_010);
    cache.clear();
    cache.set("k", page(10), 1_000, before, 1_100);
    expect(cache.get("k", 1_100)).toBeUndefined();
    expect(cache.get("old", 1_100)).toBeUndefined();
    cache.set("k", page(10), 1_000, cache.generation, 1_100);
    expect(cache.get("k", 1_100)).toBeDefined();
  });

  it("holds at most its bound of bodies, dropping the expired and then the oldest first", () => {
    const cache = new PageMicrocache(100);
    cache.set("a", page(40), 1_000, 0, 1_000);
    cache.set("b", page(40), 1_000, 0, 1_000);
    cache.set("c", page(40), 1_000, 0, 1_000);
    expect(cache.get("a", 1_000)).toBeUndefined();
    expect(cache.get("b", 1_000)).toBeDefined();
    expect(cache.size).toEqual({ pages: 2, bytes: 80 });
    cache.set("big", page(101), 1_000, 0, 1_000);
    expect(cache.get("big", 1_000)).toBeUndefined();
    expect(cache.size.bytes).toBe(80);
    // Stores in a new second drop every page of the old one, whatever room is left.
    cache.set("d", page(1), 2_000, 0, 2_000);
    expect(cache.size).toEqual({ pages: 1, bytes: 1 });
    // Storing a key again replaces its page and its bytes.
    cache.set("d", page(7), 2_000, 0, 2_000);
    expect(cache.size).toEqual({ pages: 1, bytes: 7 });
  });

  it("never exceeds its bound, whatever is stored (against a brute-force model)", () => {
    const cache = new PageMicrocache(500);
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const model = new Map<string, { bytes: number; expires: number }>();
    let now = 0;
    for (let step = 0; step < 5_000; step++) {
      now += Math.floor(random() * 60);
      const key = `k${Math.floor(random() * 30)}`;
      const bytes = Math.floor(random() * 200);
      cache.set(key, page(bytes), now, cache.generation, now);
      model.set(key, { bytes, expires: (Math.floor(now / 1000) + 1) * 1000 });
      expect(cache.size.bytes).toBeLessThanOrEqual(500);
      // Whatever it still answers is the latest page for the key and within its second.
      const probe = `k${Math.floor(random() * 30)}`;
      const hit = cache.get(probe, now);
      if (hit) {
        expect(hit.page.body.length).toBe(model.get(probe)!.bytes);
        expect(now).toBeLessThan(model.get(probe)!.expires);
      }
    }
  });
});

describe("nginx's cache key (deploy/nginx.conf.template) classes User-Agents as Next does", () => {
  const template = fs.readFileSync("deploy/nginx.conf.template", "utf8");
  const map = /map \$http_user_agent \$next_bot_type \{([\s\S]*?)\n\s*\}/.exec(template)?.[1] ?? "";
  const rules = [...map.matchAll(/^\s*"~(\*?)(.*)" (\w+);$/gm)].map(([, star, source, type]) => ({
    pattern: new RegExp(source!, star ? "i" : ""),
    source: source!,
    type: type!,
  }));
  const nginxClass = (userAgent: string) => rules.find((rule) => rule.pattern.test(userAgent))?.type ?? "";

  it("holds Next's own list of crawlers that get pages without scripts", () => {
    expect(rules.map((rule) => rule.type)).toEqual(["dom", "html"]);
    expect(rules[1]!.source).toBe(HTML_LIMITED_BOT_UA_RE_STRING);
    expect(template).toMatch(/proxy_cache_key "[^"]*\|b=\$next_bot_type[|"]/);
  });

  it("puts every User-Agent in Next's class", () => {
    for (const userAgent of USER_AGENTS)
      expect({ userAgent, type: nginxClass(userAgent) }).toEqual({ userAgent, type: getBotType(userAgent) ?? "" });
  });
});
