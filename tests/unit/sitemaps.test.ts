import { JSDOM } from "jsdom";
import { describe, expect, it, vi } from "vitest";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import {
  newsArticles,
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlset,
  SITEMAP_REUSE_MS,
  sitemapChunks,
  sitemapEntries,
} from "@/lib/seo/sitemaps";
import { xmlEscape } from "@/lib/seo/xml";
import { makeArticle } from "./fixtures";

const parse = (text: string) => new JSDOM(text, { contentType: "text/xml" }).window.document;

describe("sitemaps", () => {
  it("split into numbered files with an index once past the per-file limit", () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      loc: `https://x.kr/${i}`,
      lastmod: `2020-01-0${i + 1}T00:00:00+09:00`,
    }));
    const chunks = sitemapChunks(entries, 2);
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 1]);
    const index = parse(renderSitemapIndex(chunks));
    expect(index.documentElement.tagName).toBe("sitemapindex");
    expect(Array.from(index.getElementsByTagName("loc"), (l) => l.textContent)).toEqual([
      "http://localhost:3000/sitemaps/1.xml",
      "http://localhost:3000/sitemaps/2.xml",
      "http://localhost:3000/sitemaps/3.xml",
    ]);
    expect(index.getElementsByTagName("lastmod")[2]?.textContent).toBe("2020-01-05T00:00:00+09:00");
  });

  it("escape special characters in URLs", () => {
    const doc = parse(renderUrlset([{ loc: "https://x.kr/a?b=1&c=<2>" }]));
    expect(doc.getElementsByTagName("loc")[0]?.textContent).toBe("https://x.kr/a?b=1&c=<2>");
    expect(xmlEscape("R&D <\"'>\u0001")).toBe("R&amp;D &lt;&quot;&apos;&gt;");
  });

  it("give listing pages the newest change among their articles", async () => {
    const reader = readModelInMemory({
      banners: [],
      articles: [
        makeArticle("old", { tags: ["오창"], lastModified: "2010-01-01T00:00:00+09:00" }),
        makeArticle("new", { tags: ["오창"], lastModified: "2012-01-01T00:00:00+09:00" }),
      ],
    });
    const tag = (await sitemapEntries(reader, Date.now())).find((e) => e.loc.endsWith(`/tags/${encodeURIComponent("오창")}`));
    expect(tag?.lastmod).toBe("2012-01-01T00:00:00+09:00");
  });

  it("are listed once for the files and routes asking within seconds at one instant, and again after", async () => {
    vi.useFakeTimers();
    try {
      const reader = readModelInMemory({ banners: [], articles: [makeArticle("a", { tags: ["오창"] })] });
      const asked = vi.spyOn(reader, "sitemapArticles");
      const now = Date.now();
      const first = await sitemapEntries(reader, now);
      expect(await sitemapEntries(reader, now)).toBe(first);
      expect(asked).toHaveBeenCalledTimes(1);
      await sitemapEntries(reader, now + 1);
      expect(asked).toHaveBeenCalledTimes(2);
      // Another reader (another build's read model) is asked for its own.
      const other = readModelInMemory({ banners: [], articles: [makeArticle("b")] });
      expect((await sitemapEntries(other, now + 1)).some((e) => e.loc.endsWith("/articles/b"))).toBe(true);
      vi.advanceTimersByTime(SITEMAP_REUSE_MS);
      await sitemapEntries(reader, now + 1);
      expect(asked).toHaveBeenCalledTimes(3);
      // A failed listing is not kept for the next asker.
      asked.mockRejectedValueOnce(new Error("database gone"));
      await expect(sitemapEntries(reader, now + 2)).rejects.toThrow("database gone");
      expect((await sitemapEntries(reader, now + 2)).length).toBe(first.length);
    } finally {
      vi.useRealTimers();
    }
  });

  it("news sitemap takes only the last 48 hours and never an approximate date", async () => {
    const now = Date.parse("2026-11-25T12:00:00+09:00");
    const reader = readModelInMemory({
      banners: [],
      articles: [
        makeArticle("today", { date: "2026-11-25T09:00:00+09:00" }),
        makeArticle("two-days", { date: "2026-11-23T12:00:00+09:00" }),
        makeArticle("older", { date: "2026-11-23T11:59:59+09:00" }),
        makeArticle("month-only", { date: "2026-11-25T00:00:00+09:00", dateApproximate: true }),
      ],
    });
    expect((await newsArticles(reader, now)).map((a) => a.slug)).toEqual(["today", "two-days"]);
  });

  it("news sitemap stays a valid urlset (at least one url) when nothing is 48 hours old", () => {
    const doc = parse(renderNewsSitemap([]));
    const urls = doc.getElementsByTagName("url");
    expect(urls).toHaveLength(1);
    expect(urls[0]!.getElementsByTagName("loc")[0]?.textContent).toMatch(/\/$/);
    expect(doc.getElementsByTagName("news:news")).toHaveLength(0);
  });
});
