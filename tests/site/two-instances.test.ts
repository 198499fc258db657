// Two `next start` instances sharing one PostgreSQL database and one Redis: a write on one is seen on the
// other (the prerendered page included, within the 2-second target), and the rate limit holds across both.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { searchTokens } from "@/lib/search-core/tokens";
import { startServer, type RunningServer } from "../../scripts/lib/next-server";
import { scratchDatabase } from "../../scripts/lib/scratch-database";

const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
let database: Awaited<ReturnType<typeof scratchDatabase>>;
let databaseUrl: string;
let servers: RunningServer[] = [];
const dists = [".next-test-a", ".next-test-b"];

beforeAll(async () => {
  database = await scratchDatabase("portal_it");
  databaseUrl = database.url;
  const env = { ...inject("siteEnv"), DATABASE_URL: databaseUrl, REDIS_URL };
  // Each instance gets its own copy of the build, as separate machines would.
  for (const dist of dists) {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.cpSync(inject("siteDistDir"), dist, { recursive: true, dereference: true });
  }
  servers = await Promise.all(dists.map((dist) => startServer(inject("siteContentDir"), dist, env)));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dist of dists) fs.rmSync(dist, { recursive: true, force: true });
  await database?.drop();
});

const post = (base: string, path: string, body: unknown, ip: string) =>
  fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });

async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not seen within ${withinMs} ms`);
}

it("a comment posted to one instance is on the other's prerendered page within 2 seconds", async () => {
  const [a, b] = servers.map((s) => s.url) as [string, string];
  // Both instances have served (and cached) the page before the write.
  for (const base of [a, b]) expect((await fetch(`${base}/articles/cluster-visit`)).status).toBe(200);
  const text = `다른 인스턴스 ${randomBytes(4).toString("hex")}`;
  const created = await post(
    a,
    "/api/articles/cluster-visit/comments",
    { nickname: "A", body: text, password: "pass1234" },
    "192.0.2.10",
  );
  expect(created.status).toBe(201);
  const list = (await (await fetch(`${b}/api/articles/cluster-visit/comments`)).json()) as { comments: { body: string }[] };
  expect(list.comments.map((c) => c.body)).toContain(text);
  const took = await eventually(async () => (await (await fetch(`${b}/articles/cluster-visit`)).text()).includes(text), 2000);
  expect(took).toBeLessThan(2000);
  expect(await (await fetch(`${b}/`)).text()).toContain(text);
});

it("the rate limit holds across both instances", async () => {
  const [a, b] = servers.map((s) => s.url) as [string, string];
  const ip = "192.0.2.20";
  expect(
    (await post(a, "/api/articles/cluster-visit/comments", { nickname: "B", body: "한 번", password: "pass1234" }, ip)).status,
  ).toBe(201);
  const second = await post(
    b,
    "/api/articles/cluster-visit/comments",
    { nickname: "B", body: "두 번", password: "pass1234" },
    ip,
  );
  expect(second.status).toBe(429);
});

it("both instances serve one read model in PostgreSQL, which one of them synced from the build", async () => {
  const logs = servers.map((s) => s.log());
  // One synced the build's articles; the other waited on the lock and found nothing to do.
  expect(logs.filter((log) => /Read model \(PostgreSQL\) synced|읽기 모델\(PostgreSQL\) 동기화/.test(log))).toHaveLength(1);
  expect(logs.filter((log) => /nothing to sync|동기화할 것 없음/.test(log))).toHaveLength(1);
  // A change to the shared tables is what both answer: they read PostgreSQL, not their copy of the build.
  const marker = `공유모델${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const article = "(SELECT id FROM archive_articles WHERE slug = 'cluster-visit')";
    await client.query("BEGIN");
    const updated = await client.query(`UPDATE archive_search SET title = title || $1 WHERE article_id = ${article}`, [marker]);
    const tokens = searchTokens({ title: marker, tagRuns: [], summary: "", body: "" });
    await client.query(
      `UPDATE archive_search_tokens SET tokens = tokens || array_to_tsvector($1) WHERE article_id = ${article}`,
      [tokens],
    );
    await client.query("COMMIT");
    expect(updated.rowCount).toBe(1);
  } finally {
    await client.end();
  }
  for (const base of servers.map((s) => s.url)) {
    const found = (await (await fetch(`${base}/api/search?q=${encodeURIComponent(marker)}`)).json()) as {
      total: number;
      results: { slug: string }[];
    };
    expect({ base, total: found.total, first: found.results[0]?.slug }).toEqual({ base, total: 1, first: "cluster-visit" });
  }
});

it("serves every kind of page from the PostgreSQL read model, and keeps drafts, schedules and unknown paths out", async () => {
  for (const base of servers.map((s) => s.url)) {
    const get = (pathname: string) => fetch(`${base}${pathname}`, { redirect: "manual" });
    for (const pathname of [
      "/",
      "/articles/cluster-visit",
      "/articles/cluster-column",
      // Not prerendered (PRERENDER_ARTICLES=4): rendered on this request, from PostgreSQL.
      "/articles/ampersand-title",
      "/articles/hostile-markdown",
      "/sections/economy",
      `/tags/${encodeURIComponent("클러스터")}`,
      "/feeds/rss.xml",
      `/feeds/tags/${encodeURIComponent("클러스터")}/atom.xml`,
      "/sitemap.xml",
      "/news-sitemap.xml",
      `/search?q=${encodeURIComponent("클러스터")}`,
    ]) {
      expect({ base, pathname, status: (await get(pathname)).status }).toEqual({ base, pathname, status: 200 });
    }
    for (const pathname of [
      "/articles/unfinished-draft",
      "/articles/scheduled-story",
      "/articles/nope",
      "/sections/economy/page/9",
    ])
      expect({ base, pathname, status: (await get(pathname)).status }).toEqual({ base, pathname, status: 404 });
    const alias = await get("/news/articleView.html?idxno=123");
    expect(alias.status).toBe(308);
    expect(alias.headers.get("location")).toMatch(/\/articles\/cluster-visit$/);
  }
});
