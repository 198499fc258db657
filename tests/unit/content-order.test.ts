// Content order (newest first, then slug) is what the read model numbers articles by: a period of
// publication is one range of ids there. An archive handed over in any other order is written in it, not
// with its sorted searches silently finding nothing.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { firstOutOfContentOrder, sortIntoContentOrder } from "@/lib/content/order";
import { updateReadModel, writeReadModel } from "@/lib/archive/write";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { makeArticle } from "./fixtures";
import { random } from "../../scripts/lib/generated-queries";

const ARTICLES = Array.from({ length: 40 }, (_, i) =>
  makeArticle(`article-${String(i).padStart(2, "0")}`, {
    // Some share a date: their slugs order them.
    date: new Date(Date.UTC(2008, 0, 1 + Math.floor(i / 3))).toISOString(),
  }),
);
const NOW = Date.parse("2026-01-01T00:00:00Z");
const content = (articles: typeof ARTICLES) => ({ articles, banners: [], publisher: undefined as never });

describe("content order", () => {
  it("is newest first, then by slug", () => {
    const sorted = sortIntoContentOrder([...ARTICLES]);
    expect(sorted[0]!.slug).toBe("article-39");
    expect(sorted.slice(-3).map((a) => a.slug)).toEqual(["article-00", "article-01", "article-02"]);
    expect(firstOutOfContentOrder(sorted)).toBe(-1);
  });

  it("finds the first article out of place in any shuffled archive", () => {
    const next = random(7);
    const sorted = sortIntoContentOrder([...ARTICLES]);
    for (let trial = 0; trial < 200; trial++) {
      const shuffled = [...sorted];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const expected = shuffled.findIndex((article, i) => i > 0 && sorted.indexOf(article) < sorted.indexOf(shuffled[i - 1]!));
      expect(firstOutOfContentOrder(shuffled)).toBe(expected);
    }
  });

  it("is the order the read model holds, whatever order its articles are handed over in", async () => {
    const sorted = sortIntoContentOrder([...ARTICLES]);
    const next = random(11);
    const shuffled = [...sorted].sort(() => next() - 0.5);
    expect(firstOutOfContentOrder(shuffled)).toBeGreaterThan(0);
    const reader = readModelInMemory(content(shuffled));
    expect((await reader.newest(NOW, 40)).map((card) => card.slug)).toEqual(sorted.map((article) => article.slug));
    // A period is a range of ids: by date, a search finds exactly the articles of the period, in order.
    const since = Date.parse("2008-01-05T00:00:00Z");
    const until = Date.parse("2008-01-09T00:00:00Z");
    const inPeriod = sorted.filter((article) => Date.parse(article.date) >= since && Date.parse(article.date) <= until);
    for (const sort of ["newest", "oldest"] as const) {
      const found = await reader.search("제목", NOW, 0, 40, { sort, since, until });
      const expected = inPeriod.map((article) => article.slug);
      expect(found.hits.map((hit) => hit.article.slug)).toEqual(sort === "newest" ? expected : expected.reverse());
    }
    // An update is handed the archive in yet another order: nothing changed.
    const db = new Database(":memory:");
    writeReadModel(db, content(sorted));
    expect(updateReadModel(db, content([...shuffled].reverse()))).toMatchObject({ unchanged: sorted.length, added: 0 });
  });
});
