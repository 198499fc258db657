// A server reads the archive from its build's read model, not from content/: started on the fixture build
// with an empty content folder, it still serves every kind of page, search, feeds, sitemaps and old
// addresses (lib/archive/; docs/architecture.md "lib/archive/: the read model and its two engines").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { startServer, type RunningServer } from "../../scripts/lib/next-server";

let server: RunningServer;
let emptyContent: string;

beforeAll(async () => {
  emptyContent = fs.mkdtempSync(path.join(os.tmpdir(), "portal-no-content-"));
  server = await startServer(emptyContent, inject("siteDistDir"), inject("siteEnv"));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(emptyContent, { recursive: true, force: true });
});

const get = (pathname: string) => fetch(`${server.url}${pathname}`, { redirect: "manual" });

it("serves articles, listings, search, feeds and sitemaps with no content/ to read", async () => {
  for (const pathname of [
    "/",
    "/articles/cluster-visit",
    "/articles/cluster-column",
    "/sections/economy",
    `/tags/${encodeURIComponent("클러스터")}`,
    "/feeds/rss.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
  ]) {
    const response = await get(pathname);
    expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
  }
  const article = await (await get("/articles/cluster-visit")).text();
  expect(article).toContain("관련기사");
  const search = (await (await get(`/api/search?q=${encodeURIComponent("클러스터")}`)).json()) as { total: number };
  expect(search.total).toBeGreaterThan(0);
});

it("keeps drafts, scheduled articles and unknown paths out, and redirects old addresses", async () => {
  for (const pathname of [
    "/articles/unfinished-draft",
    "/articles/scheduled-story",
    "/articles/nope",
    "/sections/economy/page/9",
  ]) {
    expect({ pathname, status: (await get(pathname)).status }).toEqual({ pathname, status: 404 });
  }
  const alias = await get("/news/articleView.html?idxno=123");
  expect(alias.status).toBe(308);
  expect(alias.headers.get("location")).toMatch(/\/articles\/cluster-visit$/);
});
