// Sort, period and section (issue #30, 7) on every engine, against the in-memory reference filtered and
// sorted by hand, for queries of the archive's own words; and the URL's options read as readers and
// attackers write them.
import { sortIntoContentOrder } from "@/lib/content/order";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { PgConnection } from "@/lib/archive/postgres/connection";
import type { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { bind } from "@/lib/archive/postgres/schema";
import { loadContent } from "@/lib/content";
import type { Article } from "@/lib/content/schema";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { PERIODS, readSearchOptions, searchFilter, searchOptionsQuery, SORTS, type SearchFilter } from "@/lib/search/filters";
import { SECTIONS } from "@/lib/site";
import { ARCHIVE_ENGINES, estimatingFrom, openBeforeAll, walking } from "./archive-engines";
import { syntheticArchive } from "./fixtures";
import { random } from "../../scripts/lib/generated-queries";

const NOW = Date.now();
/** In content order, newest first then by slug, as a build writes them (read model ids follow it). */
const ARTICLES: Article[] = sortIntoContentOrder([...loadContent().articles, ...syntheticArchive(300)]);
const CONTENT = { articles: ARTICLES, banners: [], publisher: undefined as never };
const INDEX = buildSearchIndex(ARTICLES);
const ENGINES = ARCHIVE_ENGINES.filter((engine) => engine.name === "SQLite" || engine.name === "PostgreSQL");
const QUERIES = ["클러스터", "가나가와 사이언스파크", "일본", "연구개발 기업", "체육회", "INS"];

/** The reference: every match of `query` (as scripts/lib/search-reference.ts ranks them), filtered and sorted by hand. */
function expected(query: string, filter: SearchFilter): string[] {
  const hits = searchArticles(INDEX, query, 0, Infinity).hits.filter(
    (hit) =>
      hit.time >= (filter.since ?? -Infinity) &&
      hit.time <= (filter.until ?? Infinity) &&
      (!filter.section || hit.article.section === filter.section),
  );
  if (filter.sort === "newest") hits.sort((a, b) => b.time - a.time || (a.article.slug < b.article.slug ? -1 : 1));
  if (filter.sort === "oldest") hits.sort((a, b) => a.time - b.time || (a.article.slug < b.article.slug ? 1 : -1));
  return hits.map((hit) => hit.article.slug);
}

describe.each(ENGINES)("search sorted and filtered on $name", (engine) => {
  const reader = openBeforeAll(engine, () => CONTENT, 120_000);

  it("sorts by date both ways and narrows to a period and a section, every page as the reference", async () => {
    const times = ARTICLES.map((article) => Date.parse(article.date)).sort((a, b) => a - b);
    const next = random(7);
    const filters: SearchFilter[] = [{ sort: "newest" }, { sort: "oldest" }, { sort: "relevance", section: "economy" }];
    for (let i = 0; i < 6; i++) {
      const [a, b] = [times[Math.floor(next() * times.length)]!, times[Math.floor(next() * times.length)]!].sort((x, y) => x - y);
      filters.push({
        sort: (["relevance", "newest", "oldest"] as const)[i % 3]!,
        since: a,
        until: b,
        ...(i % 2 ? { section: "economy" as const } : {}),
      });
    }
    for (const query of QUERIES)
      for (const filter of filters) {
        const all = expected(query, filter);
        for (const offset of [0, 10, 20]) {
          const result = await reader().search(query, NOW, offset, 10, filter);
          const got = result.hits.map((hit) => hit.article.slug);
          const label = { query, filter: JSON.stringify(filter), offset };
          expect({ ...label, total: result.total }).toEqual({ ...label, total: all.length });
          if (filter.sort === "relevance") {
            // Ties in score may order differently only where they are ties: compare the scores in order.
            const scores = searchArticles(INDEX, query, 0, Infinity).hits;
            const scoreOf = new Map(scores.map((hit) => [hit.article.slug, hit.score]));
            expect({ ...label, scores: got.map((slug) => scoreOf.get(slug)) }).toEqual({
              ...label,
              scores: all.slice(offset, offset + 10).map((slug) => scoreOf.get(slug)),
            });
          } else expect({ ...label, got }).toEqual({ ...label, got: all.slice(offset, offset + 10) });
        }
      }
  });

  it("ranks a period and a section by relevance as the reference when it walks the index's states", async () => {
    // The archive is small enough to score every match; a reader told to walk takes the path a large
    // archive takes, cut to the period's ids and its section.
    const times = ARTICLES.map((article) => Date.parse(article.date)).sort((a, b) => a - b);
    const filters: SearchFilter[] = [
      { sort: "relevance", since: times[Math.floor(times.length / 3)], until: times[Math.floor((times.length * 5) / 6)] },
      { sort: "relevance", since: times[Math.floor(times.length / 4)], section: "economy" },
      { sort: "relevance", until: times[Math.floor(times.length / 2)], section: "society" },
    ];
    const scoreOf = (query: string) =>
      new Map(searchArticles(INDEX, query, 0, Infinity).hits.map((hit) => [hit.article.slug, hit.score]));
    for (const query of QUERIES)
      for (const filter of filters) {
        const all = expected(query, filter);
        const scores = scoreOf(query);
        for (const offset of [0, 10]) {
          const result = await walking(reader()).search(query, NOW, offset, 10, filter);
          const label = { query, filter: JSON.stringify(filter), offset };
          expect({ ...label, scores: result.hits.map((hit) => scores.get(hit.article.slug)) }).toEqual({
            ...label,
            scores: all.slice(offset, offset + 10).map((slug) => scores.get(slug)),
          });
          expect(
            result.hits.every((hit) => all.includes(hit.article.slug)),
            JSON.stringify(label),
          ).toBe(true);
        }
      }
  });

  it("estimates a filter's total from the sample when the matches are many, every page still the reference's", async () => {
    // A reader told to estimate from one sampled match takes the path of a common word at 100,000 articles.
    const estimating = estimatingFrom(reader(), 1);
    const times = ARTICLES.map((article) => Date.parse(article.date)).sort((a, b) => a - b);
    const since = times[Math.floor(times.length / 5)];
    const filters: SearchFilter[] = [
      { sort: "newest" },
      { sort: "oldest", section: "economy" },
      { sort: "newest", since, section: "economy" },
      { sort: "oldest", since },
      { sort: "relevance", since, section: "society" },
    ];
    for (const query of QUERIES)
      for (const filter of filters) {
        const all = expected(query, filter);
        const scores = new Map(searchArticles(INDEX, query, 0, Infinity).hits.map((hit) => [hit.article.slug, hit.score]));
        for (const offset of [0, 10]) {
          const result = await estimating.search(query, NOW, offset, 10, filter);
          const label = { query, filter: JSON.stringify(filter), offset };
          const got = result.hits.map((hit) => hit.article.slug);
          if (filter.sort === "relevance")
            expect({ ...label, scores: got.map((slug) => scores.get(slug)) }).toEqual({
              ...label,
              scores: all.slice(offset, offset + 10).map((slug) => scores.get(slug)),
            });
          else expect({ ...label, got }).toEqual({ ...label, got: all.slice(offset, offset + 10) });
          if (all.length) expect(result.totalIsEstimate, JSON.stringify(label)).toBe(true);
        }
      }
  });

  it("counts only, when asked for no hits, within the filter", async () => {
    const filter: SearchFilter = { sort: "newest", section: "economy" };
    expect((await reader().search("클러스터", NOW, 0, 0, filter)).total).toBe(expected("클러스터", filter).length);
  });
});

describe("search sorted and filtered on PostgreSQL, what one page reads", () => {
  const reader = openBeforeAll(
    ENGINES.find((engine) => engine.name === "PostgreSQL")!,
    () => CONTENT,
    120_000,
  );
  // A longer term's candidates (its grams') are tested for its text in their fields: that costs a read of
  // each body, so a page must read the fields of the candidates it shows, in order, and stop there; joined
  // and tested first, every candidate was (18,662 at 100,000 articles: 413 ms for a page of ten).
  it("reads the fields of a longer term's candidates only until its page is full, by date either way", async () => {
    const sent: { text: string; params: Record<string, unknown> }[] = [];
    const rows = PgConnection.prototype.rows;
    const spy = vi.spyOn(PgConnection.prototype, "rows").mockImplementation(function (this: PgConnection, text, params, client) {
      sent.push({ text, params: params ?? {} });
      return rows.call(this, text, params, client);
    });
    try {
      for (const sort of ["newest", "oldest"] as const) {
        sent.length = 0;
        const result = await reader().search("사이언스파크", NOW, 0, 10, { sort, since: 0 });
        expect(result.total).toBeGreaterThan(100);
        const page = sent.find(({ text }) => text.includes("SELECT c.id, c.time, c.slug, h.title"))!;
        const { text, values } = bind(`EXPLAIN (ANALYZE, FORMAT JSON) ${page.text}`, page.params);
        const [{ "QUERY PLAN": plan }] = (await (reader() as PostgresArchiveReader).pool.query(text, values)).rows;
        const loops = fieldReads(plan[0].Plan);
        // The page's ten, and what the order passed over that lacked the term.
        expect(loops, sort).toBeGreaterThanOrEqual(10);
        expect(loops, sort).toBeLessThanOrEqual(20);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

/** How many rows of archive_search (the fields) a plan read: the loops of its scans of that table. */
function fieldReads(node: {
  "Relation Name"?: string;
  "Actual Loops": number;
  "Actual Rows": number;
  Plans?: unknown[];
}): number {
  const own = node["Relation Name"] === "archive_search" ? node["Actual Loops"] * Math.max(1, node["Actual Rows"]) : 0;
  return own + (node.Plans ?? []).reduce<number>((sum, child) => sum + fieldReads(child as typeof node), 0);
}

describe("the URL's sort and period", () => {
  const read = (params: Record<string, string | undefined>) => readSearchOptions((name) => params[name]);

  it("reads every sort, period and section, and writes them back, defaults left out", () => {
    const { options, problems } = read({
      sort: "oldest",
      period: "custom",
      from: "2008-11-01",
      to: "2008-11-30",
      section: "economy",
    });
    expect(problems).toEqual([]);
    expect(searchOptionsQuery(options)).toBe("&sort=oldest&period=custom&from=2008-11-01&to=2008-11-30&section=economy");
    expect(searchOptionsQuery(read({}).options)).toBe("");
    // In Korean time: 2008-11-09 runs from 2008-11-08T15:00Z to the millisecond before 2008-11-09T15:00Z.
    expect(searchFilter(read({ from: "2008-11-09", to: "2008-11-09" }).options, NOW)).toEqual({
      sort: "relevance",
      since: Date.parse("2008-11-08T15:00:00Z"),
      until: Date.parse("2008-11-09T15:00:00Z") - 1,
    });
    expect(searchFilter(read({ period: "1w" }).options, NOW).since).toBe(NOW - 7 * 86_400_000);
  });

  it("leaves out what it cannot read, with a Korean message, never an error", () => {
    for (const params of [
      { sort: "best" },
      { period: "forever" },
      { section: "../admin" },
      { period: "custom", from: "2026-13-45" },
      { from: "2008-11-30", to: "2008-11-01" },
      { from: "yesterday" },
      { sort: "x".repeat(10_000) },
    ]) {
      const { options, problems } = read(params);
      expect(problems.length).toBe(1);
      expect(problems[0]).toMatch(/[가-힣]/);
      expect(searchFilter(options, NOW)).toEqual({ sort: "relevance" });
    }
  });
});

describe("the nginx template", () => {
  it("forwards exactly the sorts, periods and sections the app reads (lib/search/filters.ts, lib/site.ts)", () => {
    const template = fs.readFileSync(path.resolve("deploy/nginx.conf.template"), "utf8");
    const values = (name: string) =>
      new RegExp(`map "\\$uri\\|\\$arg_${name}"[^\\n]*\\n\\s*"[^"]*\\(\\?<value>([^)]*)\\)`).exec(template)?.[1]?.split("|");
    expect(values("sort")?.sort()).toEqual(Object.keys(SORTS).sort());
    expect(values("period")?.sort()).toEqual(Object.keys(PERIODS).sort());
    expect(values("section")?.sort()).toEqual(SECTIONS.map((section) => section.slug).sort());
  });
});
