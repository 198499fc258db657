import { describe, expect, it } from "vitest";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { activeBanners } from "@/lib/sidebar";
import { buildCatalog, isPublished } from "@/scripts/lib/catalog";
import type { Banner } from "@/lib/content/schema";
import { findListing, listingParams, pageNumber } from "@/lib/listing";
import { makeArticle } from "./fixtures";

const at = (iso: string) => Date.parse(iso);

describe("what is published", () => {
  it("hides drafts and articles dated after now", () => {
    const now = at("2020-01-01T00:00:00+09:00");
    expect(isPublished(makeArticle("a"), now)).toBe(true);
    expect(isPublished(makeArticle("b", { draft: true }), now)).toBe(false);
    expect(isPublished(makeArticle("c", { date: "2020-01-01T00:00:01+09:00" }), now)).toBe(false);
  });

  it("lists withheld articles separately for content:check", () => {
    const catalog = buildCatalog({ banners: [], articles: [makeArticle("a"), makeArticle("d", { draft: true })] }, Date.now());
    expect(catalog.articles.map((a) => a.slug)).toEqual(["a"]);
    expect(catalog.withheld.map((a) => a.slug)).toEqual(["d"]);
  });

  it("orders a series by part number, not by date", () => {
    const catalog = buildCatalog(
      {
        banners: [],
        articles: [
          makeArticle("part-7", { series: "혁신클러스터", seriesNo: 7, date: "2008-11-09T00:00:00+09:00" }),
          makeArticle("part-1", { series: "혁신클러스터", seriesNo: 1, date: "2008-12-01T00:00:00+09:00" }),
        ],
      },
      Date.now(),
    );
    expect(catalog.series.get("혁신클러스터")?.articles.map((a) => a.slug)).toEqual(["part-1", "part-7"]);
  });
});

describe("banner time window", () => {
  const banner = (fields: Partial<Banner>): Banner => ({
    slot: "sidebar-top-1",
    image: { src: "/banners/house-top-1.svg", alt: "배너", width: 300, height: 250 },
    link: "/advertise",
    start: "2026-01-01T00:00:00+09:00",
    end: "2026-02-01T00:00:00+09:00",
    weight: 1,
    ...fields,
  });

  it("shows a banner from its start until just before its end", () => {
    const b = banner({});
    expect(activeBanners([b], "sidebar-top-1", at("2025-12-31T23:59:59+09:00"))).toEqual([]);
    expect(activeBanners([b], "sidebar-top-1", at("2026-01-01T00:00:00+09:00"))).toEqual([b]);
    expect(activeBanners([b], "sidebar-top-1", at("2026-01-31T23:59:59+09:00"))).toEqual([b]);
    expect(activeBanners([b], "sidebar-top-1", at("2026-02-01T00:00:00+09:00"))).toEqual([]);
  });

  it("picks the heaviest banner of a slot and ignores other slots", () => {
    const light = banner({ link: "/a" });
    const heavy = banner({ link: "/b", weight: 5 });
    const other = banner({ slot: "sidebar-bottom-1" });
    expect(activeBanners([light, heavy, other], "sidebar-top-1", at("2026-01-15T00:00:00+09:00"))).toEqual([heavy, light]);
  });
});

const NOW_2026 = Date.parse("2026-01-01T00:00:00+09:00");

describe("listing pages", () => {
  it("reads the page number from the URL and refuses anything else", () => {
    expect(pageNumber(undefined)).toBe(1);
    expect(pageNumber([])).toBe(1);
    expect(pageNumber(["page", "2"])).toBe(2);
    expect(pageNumber(["page", "1"])).toBeUndefined();
    expect(pageNumber(["page", "02"])).toBeUndefined();
    expect(pageNumber(["page", "x"])).toBeUndefined();
    expect(pageNumber(["other", "2"])).toBeUndefined();
  });

  it("pages a listing 20 at a time and answers undefined past the end", async () => {
    const articles = Array.from({ length: 45 }, (_, i) =>
      makeArticle(`p-${String(i).padStart(2, "0")}`, { date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString() }),
    ).reverse();
    const reader = readModelInMemory({ banners: [], articles });
    const page = async (segments?: string[]) => (await findListing(reader, "section", "economy", segments, NOW_2026))?.page;
    expect(await page()).toMatchObject({ page: 1, pageCount: 3 });
    expect((await page(["page", "3"]))?.items.map((a) => a.slug)).toEqual(["p-04", "p-03", "p-02", "p-01", "p-00"]);
    expect(await page(["page", "4"])).toBeUndefined();
    expect(await findListing(reader, "section", "sports", undefined, NOW_2026)).toBeUndefined();
  });

  it("finds a Korean tag from its percent-encoded URL segment", async () => {
    const reader = readModelInMemory({ banners: [], articles: [makeArticle("a", { tags: ["가나가와 사이언스 파크"] })] });
    const listing = await findListing(reader, "tag", encodeURIComponent("가나가와-사이언스-파크"), undefined, Date.now());
    expect(listing?.title).toBe("#가나가와 사이언스 파크");
    expect(listing?.pathOf(2)).toBe(`/tags/${encodeURIComponent("가나가와-사이언스-파크")}/page/2`);
    expect(await findListing(reader, "tag", "없는-태그", undefined, Date.now())).toBeUndefined();
  });

  it("prerenders the listing pages that show one of the newest articles and leaves the rest to the first request", async () => {
    // 70 economy articles (4 pages of 20), newest first a-69 … a-0; a-0 alone also carries a tag.
    const articles = Array.from({ length: 70 }, (_, i) =>
      makeArticle(`a-${i}`, {
        section: "economy",
        tags: i === 0 ? ["오래된 태그"] : [],
        date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString(),
      }),
    );
    // Newest first, as readContent hands them over.
    const reader = readModelInMemory({ banners: [], articles: articles.reverse() });
    const pages = async (kind: "section" | "tag", limit: number) =>
      (await listingParams(reader, kind, NOW_2026, limit)).map((p) => p.page.join("/"));
    expect(await pages("section", Infinity)).toEqual(["", "page/2", "page/3", "page/4"]);
    expect(await pages("section", 40)).toEqual(["", "page/2"]);
    expect(await pages("section", 41)).toEqual(["", "page/2", "page/3"]);
    expect(await pages("section", 1)).toEqual([""]);
    // The tag's only article is the oldest: its page renders on demand until the limit reaches it.
    expect(await pages("tag", 69)).toEqual([]);
    expect(await pages("tag", 70)).toEqual([""]);
  });
});
