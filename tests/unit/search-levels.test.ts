// Search that walks the index state by state (lib/archive/search-levels.ts) must rank exactly as scoring
// every match does (scripts/lib/search-reference.ts). Texts over a three-letter alphabet make every corner common:
// a term in several fields, one to six repeats, overlapping repeats (가가가 holds 가가 once, left to
// right), ties in score and date, drafts and scheduled articles among the matches.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { levelTokens, searchTokens } from "@/lib/search-core/tokens";
import { termPlan, TSQUERY } from "@/lib/archive/search-levels";
import { buildCatalog } from "@/scripts/lib/catalog";
import type { Article } from "@/lib/content/schema";
import { buildSearchIndex } from "@/scripts/lib/search-reference";
import { POSTGRES_URL } from "../engagement/engines";
import { ARCHIVE_ENGINES, openBeforeAll, postgresSchema, searchBothWays, walking } from "./archive-engines";
import { makeArticle } from "./fixtures";
import { random } from "../../scripts/lib/generated-queries";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const ALPHABET = ["가", "나", "A"];

function archiveOf(count: number): Article[] {
  const next = random(14);
  const text = (max: number) =>
    Array.from({ length: Math.floor(next() * max) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(
      next() < 0.3 ? " " : "",
    );
  return Array.from({ length: count }, (_, i) =>
    makeArticle(`s-${String(i).padStart(3, "0")}`, {
      title: text(4) || "제목",
      tags: Array.from({ length: Math.floor(next() * 3) }, () => text(3)).filter(Boolean),
      summary: next() < 0.5 ? text(5) : undefined,
      plainText: text(24),
      draft: next() < 0.05,
      // Few distinct dates, some after NOW: ties and scheduled articles among the matches.
      date: new Date(Date.UTC(2026, 5, 3) - Math.floor(next() * 12) * 86_400_000).toISOString(),
    }),
  ).sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}

const articles = archiveOf(240);
const grams = (size: number): string[] =>
  size === 0 ? [""] : grams(size - 1).flatMap((prefix) => ALPHABET.map((c) => prefix + c));
const QUERIES = [
  ...grams(1),
  ...grams(2),
  ...grams(3),
  ...grams(1).flatMap((a) => grams(2).map((b) => `${a} ${b}`)),
  "가나 나A",
  "AA 가가",
  // Three terms walk the states too; four and more score every match.
  "가 나 A",
  "가가 나 A",
  "가나 나A A가",
  "가나다 가 A",
  "가 나 A 가나",
];

describe("the levels column", () => {
  it("marks short fields' grams and counts the body's repeats without overlap", () => {
    const tokens = levelTokens({ title: "가나", tagRuns: ["다"], summary: "", body: "가가가가나나" });
    // 가가가가 holds 가가 twice left to right, and 가나 and 나나 once: a gram's levels start at 2. Three-character
    // grams bound longer terms, overlaps counted: 가가가 twice, 가가나 and 가나나 once.
    expect(new Set(tokens)).toEqual(new Set(["가7", "나7", "가나7", "다8", "가4", "나2", "가가2", "가가가2"]));
  });

  it("stops at five repeats", () => {
    const tokens = levelTokens({ title: "", tagRuns: [], summary: "", body: "가".repeat(9) });
    expect(tokens).toEqual(["가가가5", "가5", "가가4"]);
  });
});

describe("PostgreSQL's tokens of a term of three or more letters", () => {
  // Without phrases, a term's two-letter grams would match every article holding them apart (기술지역 in
  // an archive full of 기술, 술지 and 지역), and each such article would have its fields read. The tokens
  // of its three-letter grams narrow "anywhere" to the articles holding all of them: for a term of three
  // letters that is exactly the articles holding it.
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("match exactly the articles holding every three-letter gram of the term, in one field", async () => {
    const next = random(3);
    const text = (max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
    const terms = [...grams(3), ...grams(4)];
    for (let round = 0; round < 40; round++) {
      const fields = { title: text(5), tagRuns: [text(4), text(4)].filter(Boolean), summary: text(6), body: text(14) };
      const runs = [fields.title, ...fields.tagRuns, fields.summary, fields.body];
      const { rows } = await client.query<{ term: string; matched: boolean }>(
        "SELECT t.term, array_to_tsvector($1::text[]) @@ t.query::tsquery AS matched FROM unnest($2::text[], $3::text[]) AS t(term, query)",
        [searchTokens(fields), terms, terms.map((term) => termPlan(term, TSQUERY).anywhere)],
      );
      for (const { term, matched } of rows) {
        const chars = [...term];
        const threes = chars.slice(2).map((c, i) => chars[i]! + chars[i + 1]! + c);
        const everyGram = threes.every((gram) => runs.some((run) => run.includes(gram)));
        expect({ fields, term, matched }).toEqual({ fields, term, matched: everyGram });
        if (chars.length === 3) {
          expect(termPlan(term, TSQUERY).anywhereExact).toBe(true);
          expect(matched).toBe(runs.some((run) => run.includes(term)));
        }
      }
    }
  });
});

describe("a longer term's repeat bound", () => {
  // 충북도체육회장 once, beside its two-character grams repeated on their own: every gram of the word
  // occurs five times, the word once. Bounded by those grams, the article would sit in the word's states of
  // two to five repeats and be read to learn it holds one; its three-character grams say so from the index.
  const once = makeArticle("once", { plainText: `충북도체육회장 ${"충북 북도 도체 체육 육회 회장 ".repeat(5)}` });
  const thrice = makeArticle("thrice", { plainText: "충북도체육회장 충북도체육회장 충북도체육회장" });
  const term = "충북도체육회장";

  it("is its three-character grams' in the index: an article holding the word once is not in its states of two and more", () => {
    const reader = readModelInMemory({ articles: [once, thrice], banners: [] });
    try {
      const plan = termPlan(term);
      const ids = (match: string) =>
        (reader.db.prepare("SELECT rowid FROM search_grams WHERE search_grams MATCH ?").all(match) as { rowid: number }[]).length;
      expect(ids(plan.atLeast(1))).toBe(2);
      expect(ids(plan.atLeast(2))).toBe(1);
      expect(ids(plan.atLeast(3))).toBe(1);
      expect(ids(plan.atLeast(4))).toBe(0);
    } finally {
      reader.db.close();
    }
  });

  it("names three-character grams' levels in PostgreSQL's tokens too, which the article holding it once lacks", () => {
    const twice = termPlan(term, TSQUERY).atLeast(2);
    expect(twice).toMatch(/'충북도[2-5]'/);
    const tokens = new Set(searchTokens({ title: "", tagRuns: [], summary: "", body: once.plainText.replace(/\s/g, "") }));
    for (const gram of ["충북도", "도체육", "육회장"])
      for (const level of [2, 3, 4, 5]) expect(tokens.has(gram + level)).toBe(false);
    const repeated = new Set(searchTokens({ title: "", tagRuns: [], summary: "", body: thrice.plainText.replace(/\s/g, "") }));
    expect(repeated.has("충북도3")).toBe(true);
  });
});

describe.each(ARCHIVE_ENGINES)("$name ranks as scoring every match does", (engine) => {
  const reader = openBeforeAll(engine, () => ({ articles, banners: [] }), 60_000);

  it("for every term of one to three letters and every pair, on every page", async () => {
    const index = buildSearchIndex(buildCatalog({ articles, banners: [] }, NOW).articles);
    for (const query of QUERIES)
      for (const [offset, limit] of [
        [0, 10_000],
        [0, 1],
        [0, 3],
        [2, 5],
        [9, 10],
      ] as const) {
        // Scoring every match directly, as a small archive does, and walking the index's states.
        for (const searched of [reader(), walking(reader())]) {
          const { found, expected } = await searchBothWays(searched, index, query, NOW, offset, limit);
          expect(found).toEqual(expected);
        }
      }
  }, 180_000);

  it("for long words, whose marks and bounds name only some of their grams", async () => {
    const word = "가나다라마바사아";
    const long = Array.from({ length: 14 }, (_, i) =>
      makeArticle(`l-${String(i).padStart(2, "0")}`, {
        title: i % 4 === 0 ? `${word} 소식` : i % 4 === 1 ? "가나다라 마바사아" : "소식",
        tags: i % 5 === 0 ? [word] : [],
        // Repeats from none to six; some bodies hold every gram of the word, but never the word itself.
        plainText: `${Array.from({ length: i % 7 }, () => word).join(" ")} ${i % 3 === 0 ? "가나 나다 다라 라마 마바 바사 사아" : ""}`,
        date: new Date(Date.UTC(2026, 0, 1 + (i % 5))).toISOString(),
      }),
    ).sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
    const opened = await engine.open({ articles: long, banners: [] });
    try {
      const index = buildSearchIndex(buildCatalog({ articles: long, banners: [] }, NOW).articles);
      for (const query of [word, `${word} 소식`, `"${word.slice(0, 5)}" 라마 소식`, `${word}${word}`])
        for (const [offset, limit] of [
          [0, 20],
          [0, 2],
          [3, 4],
        ] as const) {
          for (const searched of [opened.reader, walking(opened.reader)]) {
            const { found, expected } = await searchBothWays(searched, index, query, NOW, offset, limit);
            expect(found).toEqual(expected);
          }
        }
    } finally {
      await opened.close();
    }
  });
});

describe.each(ARCHIVE_ENGINES)("$name counts a common term written across words", (engine) => {
  // 가나다라 is written across words (가나 다라) in 420 articles, and 280 more hold its three-letter grams
  // apart (가나다 … 나다라): 700 candidates and no word containing it. PostgreSQL reads the fields of at most
  // 500 of them and estimates the total; SQLite's phrases count it exactly. The page is exact on both.
  const wide = Array.from({ length: 700 }, (_, i) =>
    makeArticle(`w-${String(i).padStart(3, "0")}`, {
      title: "소식",
      plainText: i % 5 < 3 ? `마바 가나 다라 사아${" 자차".repeat(i % 4)}` : "가나다 카타 나다라 자차",
      date: new Date(Date.UTC(2026, 0, 1 + (i % 30))).toISOString(),
    }),
  ).sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
  const reader = openBeforeAll(engine, () => ({ articles: wide, banners: [] }), 60_000);

  it("exactly on SQLite; on PostgreSQL, as an estimate it says it is, near the truth, with the page exact", async () => {
    const index = buildSearchIndex(buildCatalog({ articles: wide, banners: [] }, NOW).articles);
    for (const query of ["가나다라", "가나다라 자차"]) {
      const { found, expected } = await searchBothWays(reader(), index, query, NOW, 0, 10);
      const result = await reader().search(query, NOW, 0, 10);
      expect(found.hits).toEqual(expected.hits);
      if (reader().engine !== "postgres") {
        expect(result.totalIsEstimate).toBeUndefined();
        expect(found).toEqual(expected);
      } else {
        expect(result.totalIsEstimate).toBe(true);
        expect(Math.abs(result.total - expected.total)).toBeLessThanOrEqual(expected.total * 0.1);
      }
    }
    // 420 doubtful articles, under the limit: PostgreSQL reads every one, and the total is exact.
    const { found, expected } = await searchBothWays(reader(), index, "다라사아", NOW, 0, 10);
    expect(found).toEqual(expected);
  });

  it("never estimates below the matches it read, nor rounds a few to none", async () => {
    // Three articles hold 하가나다 across words; 600 hold its three-letter grams apart.
    const rare = Array.from({ length: 603 }, (_, i) =>
      makeArticle(`r-${String(i).padStart(3, "0")}`, {
        title: "소식",
        plainText: i % 200 === 7 ? "파 하가 나다" : "하가나 타 가나다",
        date: new Date(Date.UTC(2026, 0, 1 + (i % 30))).toISOString(),
      }),
    ).sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
    const opened = await engine.open({ articles: rare, banners: [] });
    try {
      const index = buildSearchIndex(buildCatalog({ articles: rare, banners: [] }, NOW).articles);
      const { found, expected } = await searchBothWays(opened.reader, index, "하가나다", NOW, 0, 10);
      expect(found.hits).toEqual(expected.hits);
      expect(expected.total).toBe(3);
      expect(found.total).toBeGreaterThanOrEqual(found.hits.length);
      expect(found.total).toBeLessThanOrEqual(10);
    } finally {
      await opened.close();
    }
  });
});

describe("PostgreSQL's search on a busy pool", () => {
  // A search counts on a second connection when the pool has one free, and on its only one otherwise: it
  // must never wait for a second while holding the first (a full pool would then wait forever).
  let schema: Awaited<ReturnType<typeof postgresSchema>>;
  beforeAll(async () => {
    schema = await postgresSchema();
    const source = readModelInMemory({ articles, banners: [] });
    await syncReadModel(schema.pool, source.db);
    source.db.close();
  }, 60_000);
  afterAll(async () => schema.drop());

  it.each([1, 2])("answers every query exactly with %i connection(s), eight searches at once", async (max) => {
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, max, options: `-c search_path=${schema.schema}` });
    try {
      const reader = new PostgresArchiveReader(pool);
      const index = buildSearchIndex(buildCatalog({ articles, banners: [] }, NOW).articles);
      const queries = ["가", "나A", "가나가", "가 나A", "A가 가나 나", "AAA", "가나 나A A가", "나"];
      const pages = await Promise.all(queries.map((query) => searchBothWays(reader, index, query, NOW, 0, 7)));
      for (const { found, expected } of pages) expect(found).toEqual(expected);
    } finally {
      await pool.end();
    }
  });
});
