// The ranking is defined once (lib/search-core/ranking.ts) and every engine follows it: over a fixed corpus in
// which each weight and the repeat cap decide an order, both engines rank exactly as the in-memory
// reference does, and each hit's score is what the module's weights and cap make of it, computed here
// from the module's constants alone (so a weight changed there changes what every engine must answer).
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "@/scripts/lib/search-reference";
import { compact, parseQuery } from "@/lib/search-core/normalize";
import { FIELD_WEIGHTS, MAX_REPEATS, scoreBound, scoreFields, SEARCH_FIELDS, searchableTags } from "@/lib/search-core/ranking";
import type { Article } from "@/lib/content/schema";
import { ARCHIVE_ENGINES, openBeforeAll, searchBothWays, walking } from "./archive-engines";
import { makeArticle } from "./fixtures";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString();
const many = (word: string, times: number) => Array.from({ length: times }, () => word).join(" ");

/** Each article wins or loses one query by one weight or by the repeat cap; newest first, as content is read. */
const CORPUS: Article[] = (
  [
    makeArticle("in-title", { title: "가나와 소식", plainText: "본문 라마", date: day(1) }),
    makeArticle("in-tags", { title: "소식", tags: ["가나와"], plainText: "본문 라마 라마", date: day(2) }),
    makeArticle("in-summary", { title: "소식", summary: "가나와 요약", plainText: "본문", date: day(3) }),
    makeArticle("in-body-once", { title: "소식", plainText: "가나와 본문 다라", date: day(4) }),
    makeArticle("in-body-capped", { title: "소식", plainText: `${many("가나와", MAX_REPEATS + 4)} 다라`, date: day(5) }),
    makeArticle("in-body-at-cap", { title: "소식", plainText: many("가나와", MAX_REPEATS), date: day(6) }),
    makeArticle("byline", {
      title: "칼럼",
      authors: [{ name: "권성욱", title: "박사" }],
      plainText: "가나와 본문",
      date: day(7),
    }),
    makeArticle("every-word", { title: "가나와 다라 라마 바사", plainText: "아자 차카 타파", date: day(8) }),
    makeArticle("title-and-body", { title: "다라", plainText: `${many("다라", 3)} 라마 바사 아자`, date: day(9) }),
  ] as Article[]
).reverse();

/** The score lib/search-core/ranking.ts gives `article` for `query`, from its constants; 0 unless every term occurs. */
function expectedScore(article: Article, query: string): number {
  const fields = {
    title: compact(article.title),
    tags: searchableTags(article).map(compact).join("\n"),
    summary: compact(article.summary ?? ""),
    body: compact(article.plainText),
  };
  let score = 0;
  for (const term of parseQuery(query).terms) {
    const field = SEARCH_FIELDS.find((name) => fields[name].includes(term));
    if (!field) return 0;
    score += FIELD_WEIGHTS[field] + Math.min(MAX_REPEATS, fields.body.split(term).length - 1);
  }
  return score;
}

// One to five terms: a walk of the index's states (up to three) and the scoring of every match (more).
const ONE_TERM = ["가나와", "다라", "라마", "권성욱", "박사"];
const SEVERAL_TERMS = ["가나와 다라", "다라 라마 바사", "가나와 다라 라마 바사", "다라 라마 바사 아자 본문"];
const QUERIES = [...ONE_TERM, ...SEVERAL_TERMS];

describe("one ranking for every engine", () => {
  it("orders the corpus by the module's weights: title, tags, summary, then the body by its repeats up to the cap", () => {
    const order = buildSearchIndex(CORPUS);
    expect(SEARCH_FIELDS).toEqual(["title", "tags", "summary", "body"]);
    const scores = Object.fromEntries(CORPUS.map((article) => [article.slug, expectedScore(article, "가나와")]));
    expect(scores["in-title"]).toBe(FIELD_WEIGHTS.title);
    expect(scores["in-tags"]).toBe(FIELD_WEIGHTS.tags);
    expect(scores["in-summary"]).toBe(FIELD_WEIGHTS.summary);
    expect(scores["in-body-capped"]).toBe(FIELD_WEIGHTS.body + MAX_REPEATS);
    expect(scores["in-body-at-cap"]).toBe(scores["in-body-capped"]);
    expect(order.entries).toHaveLength(CORPUS.length);
  });

  describe.each(ARCHIVE_ENGINES)("$name", (engine) => {
    const reader = openBeforeAll(engine, () => ({ articles: CORPUS, banners: [] }), 60_000);
    const index = buildSearchIndex(CORPUS);

    it.each(QUERIES)("ranks %s as the reference does, each score as ranking.ts computes it", async (query) => {
      for (const searched of [reader(), walking(reader())]) {
        const { found, expected } = await searchBothWays(searched, index, query, NOW);
        expect(found).toEqual(expected);
        const bySlug = new Map(CORPUS.map((article) => [article.slug, article]));
        for (const [slug, score] of found.hits) expect(score).toBe(expectedScore(bySlug.get(slug as string)!, query));
        expect(found.total).toBe(CORPUS.filter((article) => expectedScore(article, query) > 0).length);
      }
    });
  });
});

describe("the score bound from the short fields (scoreBound)", () => {
  it("is never below the score, whatever the body, and equals it where every term repeats to the cap", () => {
    // Brute force over small fields of a few syllables: every way a term can fall in the four fields.
    const syllables = ["가", "나", "다", "가나", "나다"];
    let seed = 11;
    const pick = () => syllables[(seed = (seed * 16807) % 2147483647) % syllables.length]!;
    const text = (n: number) => Array.from({ length: n }, pick).join("");
    for (let i = 0; i < 5_000; i++) {
      const fields = { title: text(2), tags: text(2), summary: text(3), body: text(1 + (i % 12)) };
      const terms = Array.from({ length: 1 + (i % 3) }, pick);
      const { body, ...heads } = fields;
      expect(scoreBound(heads, terms), JSON.stringify({ fields, terms })).toBeGreaterThanOrEqual(scoreFields(fields, terms));
      const capped = { ...fields, body: terms.map((term) => term.repeat(MAX_REPEATS)).join("|") + body };
      // With every term MAX_REPEATS times in the body the bound is reached exactly.
      expect(scoreFields(capped, terms)).toBe(scoreBound(heads, terms));
    }
  });
});
