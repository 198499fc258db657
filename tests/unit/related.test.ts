import { describe, expect, it } from "vitest";
import { buildCatalog, relatedArticles } from "@/scripts/lib/catalog";
import { RELATED_WEIGHTS, rankRelated, relatedScore } from "@/lib/related";
import { makeArticle } from "./fixtures";

const NOW = Date.parse("2026-01-01T00:00:00+09:00");

describe("관련기사 ranking", () => {
  const base = makeArticle("base", { series: "연재", tags: ["오창", "클러스터"], related: ["picked-2", "picked-1"] });
  const candidates = [
    makeArticle("same-section", { section: "economy" }),
    makeArticle("one-tag", { section: "sports", tags: ["오창"] }),
    makeArticle("two-tags", { section: "sports", tags: ["오창", "클러스터"] }),
    makeArticle("same-series", { section: "sports", series: "연재" }),
    makeArticle("picked-1", { section: "sports" }),
    makeArticle("picked-2", { section: "sports" }),
    makeArticle("unrelated", { section: "sports", tags: ["축구"] }),
  ];

  it("puts the editor's picks first in their order, then series, shared tags and section", () => {
    expect(rankRelated(base, candidates, 10).map((a) => a.slug)).toEqual([
      "picked-2",
      "picked-1",
      "same-series",
      "two-tags",
      "one-tag",
      "same-section",
    ]);
  });

  it("never lists the article itself or an unrelated one", () => {
    const ranked = rankRelated(base, [base, ...candidates], 10).map((a) => a.slug);
    expect(ranked).not.toContain("base");
    expect(ranked).not.toContain("unrelated");
    expect(relatedScore(base, base)).toBe(0);
  });

  it("breaks ties by the newer article, then by slug, so builds are deterministic", () => {
    const older = makeArticle("b-older", { date: "2001-01-01T00:00:00+09:00" });
    const newerB = makeArticle("b-newer", { date: "2010-01-01T00:00:00+09:00" });
    const newerA = makeArticle("a-newer", { date: "2010-01-01T00:00:00+09:00" });
    expect(rankRelated(makeArticle("x"), [older, newerB, newerA], 3).map((a) => a.slug)).toEqual([
      "a-newer",
      "b-newer",
      "b-older",
    ]);
    expect(relatedScore(makeArticle("x"), older)).toBe(RELATED_WEIGHTS.section);
  });

  it("leaves out drafts, scheduled articles and the boxed column", () => {
    const host = makeArticle("host", { tags: ["오창"], column: "col" });
    const content = {
      banners: [],
      articles: [
        host,
        makeArticle("col", { kind: "column", tags: ["오창"] }),
        makeArticle("draft", { tags: ["오창"], draft: true }),
        makeArticle("future", { tags: ["오창"], date: "2030-01-01T00:00:00+09:00" }),
        makeArticle("visible", { tags: ["오창"] }),
      ],
    };
    const catalog = buildCatalog(content, NOW);
    expect(relatedArticles(catalog, host).map((a) => a.slug)).toEqual(["visible"]);
  });

  it("ranks exactly as scoring every published article would, though it looks at a section's newest few only", () => {
    // A deterministic archive: 300 articles over 3 sections, overlapping tags, some sharing dates.
    const tagsPool = ["오창", "청주", "충주", "클러스터", "바이오"];
    const articles = Array.from({ length: 300 }, (_, i) =>
      makeArticle(`a-${String(i).padStart(3, "0")}`, {
        section: (["economy", "society", "sports"] as const)[i % 3],
        tags: tagsPool.filter((_, t) => (i * 7 + t * 3) % 13 === 0),
        date: new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString(),
      }),
    );
    const catalog = buildCatalog({ banners: [], articles: [...articles].reverse() }, NOW);
    for (const article of catalog.articles.filter((_, i) => i % 17 === 0)) {
      expect(relatedArticles(catalog, article, 6)).toEqual(rankRelated(article, catalog.articles, 6));
    }
  });

  it("keeps the same best few as sorting every scored candidate, ties included", () => {
    const tagsPool = ["오창", "청주", "충주"];
    const host = makeArticle("host", { tags: tagsPool, series: "연재", related: ["c-07", "c-30"] });
    // Many ties: four dates, two sections, overlapping tags, a series, two editor's picks.
    const candidates = Array.from({ length: 60 }, (_, i) =>
      makeArticle(`c-${String(i).padStart(2, "0")}`, {
        section: i % 2 ? "economy" : "society",
        tags: tagsPool.filter((_, t) => (i + t) % 3 !== 0),
        series: i % 11 === 0 ? "연재" : undefined,
        date: new Date(Date.UTC(2020, 0, 1 + (i % 4))).toISOString(),
      }),
    );
    const byFullSort = candidates
      .map((candidate) => ({ candidate, score: relatedScore(host, candidate), time: Date.parse(candidate.date) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || b.time - a.time || a.candidate.slug.localeCompare(b.candidate.slug))
      .map((s) => s.candidate.slug);
    for (const limit of [0, 1, 2, 5, 17, 60, 100]) {
      expect(rankRelated(host, candidates, limit).map((a) => a.slug)).toEqual(byFullSort.slice(0, limit));
    }
  });
});
