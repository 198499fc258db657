// No search may do unbounded work, whatever the reader typed (issue #28): queries of one to ten words
// drawn from the archive's own vocabulary, and the worst cases found so far, are each answered within the
// budget of lib/archive/search-budget.ts, counted in the statements each engine really runs (SQLite's
// statements as executed, PostgreSQL's as sent). Counting statements, not timing them, keeps the test
// deterministic; the time it stands for is measured by npm run bench:search.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { writeReadModelFile } from "@/lib/archive";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { SqliteArchiveReader } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import {
  DIRECT_SCORING_MAX,
  DIRECT_SCORING_MAX_THREE_TERMS,
  SCORED_AT_MOST,
  SearchBudget,
  settleWalk,
  WALK_BUDGET,
} from "@/lib/archive/search-budget";
import { buildCatalog } from "@/scripts/lib/catalog";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { loadContent } from "@/lib/content";
import type { Article } from "@/lib/content/schema";
import { generatedQueries } from "../../scripts/lib/generated-queries";
import { postgresSchema } from "./archive-engines";
import { syntheticArchive } from "./fixtures";

const NOW = Date.now();
/** The slowest queries found so far (npm run bench:search keeps the worst it finds here). */
const REGRESSIONS = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "search-budget.cases.json"), "utf8")) as {
  queries: string[];
};
/** Index lookups a search may make besides its walk's states: counts, the direct probe, the newest matches. */
const LOOKUPS_BESIDES_STATES = 8;
/** Statements testing which field combinations exist: at most one per combination of three terms' four tiers. */
const COMBINATIONS = 4 ** 3;
/** What one search's index expressions may add up to besides its walk's states (counts, probes). */
const OTHER_CHARACTERS = 20_000;

/** `count` queries of one to ten words of the articles' own text, as readers type them (particles and all). */
const queriesOf = (articles: Article[], count: number) =>
  generatedQueries(
    articles.map((a) => `${a.title} ${a.plainText}`),
    count,
  );

type Work = { statements: number; matches: number; characters: number };
type Counted = { reader: ArchiveReader; work: Work; close: () => Promise<void> };

/** A read model file of `articles`, read by SQLite with every executed statement counted. */
function countedSqlite(articles: Article[]): Counted {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "search-budget-"));
  const file = path.join(dir, "read-model.db");
  writeReadModelFile(file, { articles, banners: [], publisher: undefined as never });
  const work: Work = { statements: 0, matches: 0, characters: 0 };
  const db = new Database(file, {
    readonly: true,
    verbose: (sql) => {
      work.statements++;
      if (/\bMATCH\b/.test(String(sql))) {
        work.matches++;
        work.characters += String(sql).length;
      }
    },
  });
  return {
    reader: new SqliteArchiveReader(db),
    work,
    close: async () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same read model synced into PostgreSQL, every statement sent counted (and its tsquery text). */
async function countedPostgres(articles: Article[]): Promise<Counted> {
  const source = countedSqlite(articles);
  const { pool, drop } = await postgresSchema();
  const work: Work = { statements: 0, matches: 0, characters: 0 };
  const counting = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client: pg.PoolClient) => {
    if (counting.has(client)) return;
    counting.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === "string" ? args[0] : "";
      work.statements++;
      if (text.includes("@@")) {
        work.matches++;
        work.characters += (args[1] as unknown[] | undefined)?.reduce<number>((n, v) => n + String(v).length, 0) ?? 0;
      }
      return query(...args);
    };
  });
  await syncReadModel(pool, (source.reader as SqliteArchiveReader).db);
  await source.close();
  return { reader: new PostgresArchiveReader(pool), work, close: drop };
}

/** Runs `query` and returns what it cost. */
async function costOf(counted: Counted, query: string, offset = 0): Promise<Work> {
  const { work } = counted;
  Object.assign(work, { statements: 0, matches: 0, characters: 0 });
  await counted.reader.search(query, NOW, offset, 10);
  return { ...work };
}

/** A budget that runs out at once: one state, its first rows. */
const TIGHT = { states: 1, characters: 100_000, rows: 3, milliseconds: Infinity };

const ENGINES = [
  { name: "SQLite", open: (articles: Article[]) => Promise.resolve(countedSqlite(articles)) },
  { name: "PostgreSQL", open: countedPostgres },
];

describe.each(ENGINES)("$name searches within its budget", (engine) => {
  const budget = {
    matches: WALK_BUDGET.states + COMBINATIONS + LOOKUPS_BESIDES_STATES,
    characters: WALK_BUDGET.characters + OTHER_CHARACTERS,
    // Each row read is at most one lookup of its fields (SQLite); a page's cards, one each.
    statements: WALK_BUDGET.rows + DIRECT_SCORING_MAX_THREE_TERMS.sqlite + COMBINATIONS + 60,
  };

  it.each([
    ["the three real articles", () => loadContent().articles, 400],
    ["1,500 generated articles", () => syntheticArchive(1_500), 150],
  ] as const)(
    "for the worst queries found so far and for generated queries of one to ten words, over %s",
    async (_name, articlesOf, generated) => {
      const articles = articlesOf();
      const counted = await engine.open(articles);
      try {
        const queries = [...REGRESSIONS.queries, ...queriesOf(articles, generated)];
        let worst = { query: "", matches: 0, characters: 0, statements: 0 };
        for (const query of queries)
          for (const offset of [0, 20]) {
            const work = await costOf(counted, query, offset);
            if (work.characters > worst.characters || work.matches > worst.matches) worst = { query, ...work };
            expect({ query, offset, matches: Math.min(work.matches, budget.matches) }).toEqual({
              query,
              offset,
              matches: work.matches,
            });
            expect(work.characters, query).toBeLessThanOrEqual(budget.characters);
            expect(work.statements, query).toBeLessThanOrEqual(budget.statements);
          }
        expect(worst.matches).toBeGreaterThan(0);
      } finally {
        await counted.close();
      }
    },
    180_000,
  );

  it("says when its budget ran out, and still fills the page with the best matches it read", async () => {
    const articles = syntheticArchive(400);
    const counted = await engine.open(articles);
    try {
      const tight =
        engine.name === "SQLite"
          ? new SqliteArchiveReader((counted.reader as SqliteArchiveReader).db, { directScoringMax: 0, walkBudget: TIGHT })
          : new PostgresArchiveReader((counted.reader as PostgresArchiveReader).pool, undefined, {
              directScoringMax: 0,
              walkBudget: TIGHT,
            });
      const reference = buildSearchIndex(buildCatalog({ articles, banners: [] }, NOW).articles);
      for (const query of ["클러스터 지역 혁신", "사이언스 파크 연구", "오창 기업"]) {
        const found = await tight.search(query, NOW, 0, 10);
        const every = searchArticles(reference, query, 0, 10_000);
        const scores = new Map(every.hits.map((hit) => [hit.article.slug, hit.score]));
        expect(found.rankingIsPartial, query).toBe(true);
        expect(found.hits.length, query).toBe(Math.min(10, every.total));
        for (const hit of found.hits)
          expect([query, hit.article.slug, hit.score]).toEqual([query, hit.article.slug, scores.get(hit.article.slug)]);
      }
    } finally {
      await counted.close();
    }
  }, 120_000);
});

describe("one rule picks each search's path, for both engines", () => {
  it("scores every match when they are few (more of them for three terms), walks up to three terms, and scores the newest matches of more", () => {
    for (const engine of ["sqlite", "postgres"] as const) {
      const budget = new SearchBudget(engine);
      const few = DIRECT_SCORING_MAX[engine];
      const fewOfThree = DIRECT_SCORING_MAX_THREE_TERMS[engine];
      expect(fewOfThree).toBeGreaterThanOrEqual(few);
      expect([engine, budget.path(0, 5), budget.path(few, 1), budget.path(fewOfThree, 3), budget.path(few, 9)]).toEqual([
        engine,
        "direct",
        "direct",
        "direct",
        "direct",
      ]);
      expect([
        engine,
        budget.path(few + 1, 1),
        budget.path(few + 1, 2),
        budget.path(fewOfThree + 1, 3),
        budget.path(Infinity, 3),
      ]).toEqual([engine, "walk", "walk", "walk", "walk"]);
      expect([engine, budget.path(few + 1, 4), budget.path(Infinity, 10)]).toEqual([engine, "newest", "newest"]);
    }
  });

  it("takes a reader's tuning over the defaults, each setting on its own", () => {
    const tuned = new SearchBudget("postgres", { directScoringMax: 0, scoredAtMost: 7 });
    expect([tuned.directScoringMax, tuned.scoredAtMost, tuned.walk]).toEqual([0, 7, WALK_BUDGET]);
    expect(tuned.path(1, 2)).toBe("walk");
    expect(new SearchBudget("sqlite").scoredAtMost).toBe(SCORED_AT_MOST);
  });

  it("fills a walk cut short with the newest matches, best first, each once, and says it is still partial", async () => {
    const scores: Record<number, number> = { 1: 5, 2: 0, 3: 9, 4: 5, 5: 2 };
    const walked = { ranked: [{ id: 4, score: 5 }], complete: false };
    let asked = 0;
    const newest = (count: number) => {
      asked = count;
      return [1, 2, 3, 4, 5];
    };
    const settled = await settleWalk(walked, 3, newest, (id) => scores[id]!);
    expect(settled).toEqual({
      ranked: [
        { id: 3, score: 9 },
        { id: 1, score: 5 },
        { id: 4, score: 5 },
      ],
      complete: false,
    });
    expect(asked).toBeGreaterThan(0);
    const whole = { ranked: [{ id: 4, score: 5 }], complete: true };
    expect(
      await settleWalk(
        whole,
        3,
        () => expect.fail("a complete walk asks for nothing more"),
        () => 0,
      ),
    ).toBe(whole);
  });
});
