// Checks by code nobody here wrote: the sitemaps against the sitemaps.org XSD (xmllint, with the schema
// the `sitemap` package ships), and every feed through an independent parser (@rowanmanning/feed-parser).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { fetchPage } from "./fetch-page";

const require = createRequire(import.meta.url);
const SITEMAP_XSD = path.join(path.dirname(require.resolve("sitemap/package.json")), "schema", "sitemap.xsd");
const PUBLISHED = 6;

/** xmllint's verdict on `xml` against the sitemaps.org schema: "" when valid, else its errors. */
function xsdErrors(xml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sitemap-")), "sitemap.xml");
  fs.writeFileSync(file, xml);
  const result = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SITEMAP_XSD, file], { encoding: "utf8" });
  if (result.error) throw result.error;
  return result.status === 0 ? "" : result.stderr;
}

describe("sitemaps against the sitemaps.org schema", () => {
  it("sitemap.xml is valid", async () => {
    expect(xsdErrors((await fetchPage("/sitemap.xml")).html)).toBe("");
  });

  it("the news sitemap's urlset is valid", async () => {
    // Google's sitemap-news XSD cannot be fetched here (only npm and Debian are reachable), and the
    // sitemaps.org schema checks other namespaces strictly; its <news:news> elements are checked in
    // seo.test.ts, the urlset around them here.
    const xml = (await fetchPage("/news-sitemap.xml")).html;
    expect(xml).toContain("<news:news>");
    expect(xsdErrors(xml.replace(/\s*<news:news>[\s\S]*?<\/news:news>/g, ""))).toBe("");
  });

  it("a schema violation is caught (the check can fail)", () => {
    expect(xsdErrors('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')).toMatch(
      /urlset/,
    );
  });
});

describe("feeds through an independent parser", () => {
  it.each(["/feeds/rss.xml", "/feeds/atom.xml"])(
    "%s carries every published article with title, link, date, author and text",
    async (feedPath) => {
      const feed = parseFeed((await fetchPage(feedPath)).html);
      expect(feed.title).toContain("충북일보");
      expect(feed.language).toBe("ko");
      expect(feed.items).toHaveLength(PUBLISHED);
      for (const item of feed.items) {
        expect(item.title, item.url ?? "").toBeTruthy();
        expect(item.url).toMatch(/^https:\/\/news\.example\.kr\/articles\/[a-z0-9-]+$/);
        expect(item.published?.getTime(), item.url ?? "").toBeGreaterThan(0);
        expect(item.authors.length, item.url ?? "").toBeGreaterThan(0);
        expect(item.content ?? item.description, item.url ?? "").toBeTruthy();
      }
    },
  );

  it.each(["/feeds/sections/economy/rss.xml", `/feeds/tags/${encodeURIComponent("클러스터")}/atom.xml`])(
    "%s parses, with its own items",
    async (feedPath) => {
      const feed = parseFeed((await fetchPage(feedPath)).html);
      expect(feed.items.length).toBeGreaterThan(0);
      expect(feed.items.length).toBeLessThan(PUBLISHED);
    },
  );
});
