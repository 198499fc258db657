import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/scripts/lib/catalog";
import { readContent } from "@/lib/content";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { highlight } from "@/lib/search/highlight";
import { compact, compactWithMap, parseQuery } from "@/lib/search-core/normalize";
import { searchJson } from "@/lib/search/present";
import { resultCount } from "@/lib/search/result-count";
import { makeArticle } from "./fixtures";

const real = buildSearchIndex(buildCatalog(readContent("content"), Date.now()).articles);
const slugs = (query: string) => searchArticles(real, query, 0, 10).hits.map((h) => h.article.slug);

const FEATURE = "kanagawa-science-park";
const COLUMN = "ins-social-network-column";
const MAGAZINE = "yoon-hyun-woo-sports-council-interview";

describe("Korean queries over the real articles", () => {
  it.each([
    ["사이언스파크", [FEATURE]],
    ["사이언스 파크", [FEATURE]],
    ["가나가와사이언스파크는", [FEATURE]],
    ["사이언스파크는", [FEATURE]],
    ["오창", [COLUMN]],
    ["특허", [FEATURE]],
    ["체육회", [MAGAZINE]],
    ["체육회의", [MAGAZINE]],
    ["윤현우", [MAGAZINE]],
    ["kast", [FEATURE]],
    ["KAST", [FEATURE]],
    ["ＫＡＳＴ", [FEATURE]],
    ["INS 네트워크", [COLUMN]],
    ["클러스터 일본", [FEATURE, COLUMN]],
    ['"미니클러스터라는 소규모"', [COLUMN]],
    ["日", [COLUMN, FEATURE]],
    ["재정 자율화", [MAGAZINE]],
    ["산학연", [COLUMN]],
  ])("%s finds %j", (query, expected) => {
    expect(slugs(query)).toEqual(expected);
  });

  it("ranks a title match above a body-only match", () => {
    // "INS" is in the column's title; the feature does not mention it at all, so use 클러스터: both have it,
    // in the feature's title ("클러스터를 가다") and in the column's body only.
    expect(slugs("클러스터")).toEqual([FEATURE, COLUMN]);
  });

  it("finds the same articles for NFC and NFD input", () => {
    expect(slugs("사이언스파크".normalize("NFD"))).toEqual([FEATURE]);
    expect(slugs("오창".normalize("NFD"))).toEqual(slugs("오창"));
  });

  it("needs every word: one unknown word empties the result", () => {
    expect(slugs("사이언스파크 축구")).toEqual([]);
  });
});

describe("queries over synthetic articles", () => {
  const articles = [
    makeArticle("title-hit", { title: "오창 과학단지 소식", date: "2010-01-01T00:00:00+09:00" }),
    makeArticle("tag-hit", { tags: ["오창"], date: "2012-01-01T00:00:00+09:00" }),
    makeArticle("summary-hit", { summary: "오창에서", date: "2013-01-01T00:00:00+09:00" }),
    makeArticle("body-old", { plainText: "오창 이야기", date: "2001-01-01T00:00:00+09:00" }),
    makeArticle("body-new", { plainText: "오창 이야기", date: "2020-01-01T00:00:00+09:00" }),
    makeArticle("nothing", { plainText: "청주 이야기" }),
  ];
  const index = buildSearchIndex(articles);

  it("ranks title > tags > summary > body, and newer first among equals", () => {
    expect(searchArticles(index, "오창").hits.map((h) => h.article.slug)).toEqual([
      "title-hit",
      "tag-hit",
      "summary-hit",
      "body-new",
      "body-old",
    ]);
  });

  it("pages results and reports the total", () => {
    const page2 = searchArticles(index, "오창", 2, 2);
    expect(page2.total).toBe(5);
    expect(page2.hits.map((h) => h.article.slug)).toEqual(["summary-hit", "body-new"]);
  });

  it("does not match a term across two tags", () => {
    const split = buildSearchIndex([makeArticle("t", { tags: ["가나", "다라"], plainText: "" })]);
    expect(searchArticles(split, "나다").total).toBe(0);
    expect(searchArticles(split, "가나").total).toBe(1);
  });
});

describe("hostile and odd queries", () => {
  it.each([
    "",
    "   ",
    "\t\n",
    "x".repeat(1000),
    ".*",
    "(((",
    '" * ( ) : ^ - OR',
    "'; DROP TABLE articles; --",
    "<script>alert(1)</script>",
    "\u0000\u0001",
    "%",
    "\\",
  ])("answers %j without throwing", (query) => {
    const result = searchArticles(real, query);
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(result.display.length).toBeLessThanOrEqual(200);
  });

  it("treats query syntax characters as nothing, not as operators", () => {
    expect(parseQuery('"사이언스 파크" OR -오창 *').terms).toEqual(["사이언스파크", "or", "오창"]);
    expect(parseQuery("( ) : ^").terms).toEqual([]);
  });
});

describe("normalising and highlighting", () => {
  it("compacts spacing, punctuation, case and width", () => {
    expect(compact("산·학·연 R&D ＫＡＳＴ")).toBe("산학연rdkast");
  });

  it("maps compact positions back to the original text", () => {
    const { compact: text, origin } = compactWithMap("가나 다");
    expect(text).toBe("가나다");
    expect(origin).toEqual([0, 1, 3]);
  });

  it("maps every kind of character as normalising each one would, fast paths or not", () => {
    // The reference: each character NFKC'd and lower-cased on its own, its letters and digits kept.
    const reference = (text: string) => {
      let compactText = "";
      const origin: number[] = [];
      let index = 0;
      for (const char of text) {
        for (const piece of char.normalize("NFKC").toLowerCase())
          if (/[\p{L}\p{N}]/u.test(piece)) {
            compactText += piece;
            for (let i = 0; i < piece.length; i++) origin.push(index);
          }
        index += char.length;
      }
      return { compact: compactText, origin };
    };
    // Precomposed and NFD Hangul, jamo, ASCII of every kind, full-width Latin, ligatures, astral letters.
    const alphabet = [..."가힣한글ᄀ하ᅡᆫAZaz09 .,!~\t\nＫａ１ﬁ①㈜ß𝐀😀·"];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 30) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      expect(compactWithMap(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it("highlights a match across a space in the original text", () => {
    const snippet = highlight("도쿄의 가나가와 사이언스 파크에서", ["사이언스파크"], 100);
    expect(snippet.highlights).toHaveLength(1);
    const [start, end] = snippet.highlights[0]!;
    expect(snippet.text.slice(start, end)).toBe("사이언스 파크");
  });

  it("cuts a long text around the first match with ellipses", () => {
    const snippet = highlight(`${"앞 ".repeat(100)}오창 ${"뒤 ".repeat(100)}`, ["오창"], 40);
    expect(snippet.text.startsWith("…")).toBe(true);
    expect(snippet.text.endsWith("…")).toBe(true);
    const [start, end] = snippet.highlights[0]!;
    expect(snippet.text.slice(start, end)).toBe("오창");
  });
});

describe("how many results, as readers read it", () => {
  it("says an estimated total is one (약), and an exact one plainly, digits grouped by thousands", () => {
    expect(resultCount({ total: 12 })).toBe("12건");
    expect(resultCount({ total: 76600, totalIsEstimate: true })).toBe("약 76,600건");
    expect(resultCount({ total: 1234 })).toBe("1,234건");
    expect(resultCount({ total: 999 })).toBe("999건");
    expect(searchJson({ terms: ["오창"], total: 0, hits: [] })).toEqual({
      results: [],
      total: 0,
      totalIsEstimate: false,
      rankingIsPartial: false,
      // Searched as typed: nothing rewritten, suggested, left out or offered (lib/search/understand.ts).
      searchedFor: null,
      searchedBecause: [],
      suggestion: null,
      leftOut: [],
      related: [],
      notes: [],
    });
    // A search whose budget ran out says so (lib/archive/search-budget.ts).
    expect(searchJson({ terms: ["오창"], total: 30_000, rankingIsPartial: true, hits: [] }).rankingIsPartial).toBe(true);
    expect(searchJson({ terms: ["오창"], total: 76600, totalIsEstimate: true, hits: [] }).totalIsEstimate).toBe(true);
  });
});
