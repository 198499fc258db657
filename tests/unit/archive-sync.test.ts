// Publishing into the read model, build after build, on both engines: an editor adds, changes, renames,
// deletes, withholds (draft) and schedules articles, and each engine then answers exactly as the
// reference over the new content. On PostgreSQL, which keeps one read model across builds, the sync
// touches only what changed, once per build, never goes back to an older build, and two processes
// starting together sync once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { copyPreviousReadModel, writeReadModelFile } from "@/lib/archive";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { readModelPool } from "@/lib/archive/postgres/connection";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { openReadModel, readModelInMemory } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { buildCatalog } from "@/scripts/lib/catalog";
import type { Article } from "@/lib/content/schema";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { scratchDatabase } from "../../scripts/lib/scratch-database";
import { POSTGRES_URL } from "../engagement/engines";
import { ARCHIVE_ENGINES, postgresSchema } from "./archive-engines";
import { makeArticle } from "./fixtures";

const NOW = Date.parse("2026-11-25T00:00:00Z");
const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString();

const first: Article[] = Array.from({ length: 30 }, (_, i) =>
  makeArticle(`a-${String(i).padStart(2, "0")}`, {
    title: `오창 과학 기사 ${i}`,
    date: day(i),
    section: i % 2 ? "economy" : "society",
    tags: i % 3 ? ["오창"] : ["청주", "오창"],
    series: i % 5 === 0 ? "연재" : undefined,
    seriesNo: i % 5 === 0 ? 10 - i / 5 : undefined,
    aliases: i === 7 ? ["/news/articleView.html?idxno=7"] : [],
    plainText: `본문 ${i} 오창`,
  }),
);

/** The editor's second build: one added, one changed, one renamed, one deleted, one withheld, one scheduled. */
function secondBuild(articles: Article[]): Article[] {
  const next = articles
    .filter((a) => a.slug !== "a-03")
    .map((a) => {
      if (a.slug === "a-05") return { ...a, title: "고친 제목 바이오", tags: ["바이오"] };
      if (a.slug === "a-07") return { ...a, slug: "a-07-renamed", file: "articles/a-07-renamed.md" };
      if (a.slug === "a-10") return { ...a, draft: true };
      if (a.slug === "a-12") return { ...a, date: "2027-01-01T00:00:00Z" };
      return a;
    });
  next.push(makeArticle("new-one", { title: "새 기사 바이오", date: day(40), tags: ["바이오"], plainText: "새 본문" }));
  return next.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}

const newestFirst = (articles: Article[]) =>
  [...articles].sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));

/** The engine's answers are the reference's over `articles`. */
async function expectServes(reader: ArchiveReader, articles: Article[]) {
  const catalog = buildCatalog({ articles: newestFirst(articles), banners: [] }, NOW);
  const slugs = (list: { slug: string }[]) => list.map((a) => a.slug);
  expect(slugs(await reader.newest(NOW, 1000))).toEqual(slugs(catalog.articles));
  for (const [key, group] of catalog.tags)
    expect(slugs(await reader.members("tag", key, NOW, 1000))).toEqual(slugs(group.articles));
  expect((await reader.groups("tag", NOW)).map((g) => [g.key, g.count]).sort()).toEqual(
    [...catalog.tags.values()].map((g) => [g.key, g.articles.length]).sort(),
  );
  for (const [key, group] of catalog.series)
    expect(slugs(await reader.members("series", key, NOW, 1000))).toEqual(slugs(group.articles));
  const index = buildSearchIndex(catalog.articles);
  for (const query of ["바이오", "오창", "고친", "새", "본문 1"])
    expect(slugs((await reader.search(query, NOW, 0, 100)).hits.map((h) => h.article))).toEqual(
      slugs(searchArticles(index, query, 0, 100).hits.map((h) => h.article)),
    );
  expect(await reader.aliasTarget("/news/articleView.html?idxno=7", NOW)).toBe(
    catalog.bySlug.get("a-07-renamed") ? "a-07-renamed" : catalog.bySlug.has("a-07") ? "a-07" : undefined,
  );
  for (const article of articles) expect(await reader.exists(article.slug, NOW)).toBe(catalog.bySlug.has(article.slug));
}

describe.each(ARCHIVE_ENGINES)("$name: each build's articles, added, changed, renamed, deleted, drafted, scheduled", (engine) => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing) await close();
  });

  it("serves the first build, then the second", async () => {
    const one = await engine.open({ articles: newestFirst(first), banners: [] });
    closing.push(one.close);
    await expectServes(one.reader, first);
    const two = await engine.open({ articles: secondBuild(newestFirst(first)), banners: [] });
    closing.push(two.close);
    await expectServes(two.reader, secondBuild(newestFirst(first)));
  });
});

describe("PostgreSQL: one read model across builds", () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing) await close();
  });

  it("syncs only what changed, once per build, and never back to an older build", async () => {
    const { pool, drop } = await postgresSchema();
    closing.push(drop);
    const one = readModelInMemory({ articles: newestFirst(first), banners: [] });
    expect(await syncReadModel(pool, one.db)).toMatchObject({ synced: true, added: 30, changed: 0, removed: 0, unchanged: 0 });
    const reader = new PostgresArchiveReader(pool);
    await expectServes(reader, first);
    const idsBefore = new Map(
      (await pool.query("SELECT slug, id FROM archive_articles")).rows.map((r: { slug: string; id: number }) => [r.slug, r.id]),
    );

    // The same build again (a second instance, a restart): nothing to do.
    expect(await syncReadModel(pool, one.db)).toMatchObject({ synced: false, reason: "this build is synced" });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = secondBuild(newestFirst(first));
    const two = readModelInMemory({ articles: second, banners: [] });
    // Added: new-one and a-07-renamed; changed: a-05, a-10 (draft), a-12 (scheduled); removed: a-03, a-07.
    expect(await syncReadModel(pool, two.db)).toMatchObject({ synced: true, added: 2, changed: 3, removed: 2, unchanged: 25 });
    await expectServes(reader, second);
    // Untouched articles kept their rows: the sync rewrote only what changed.
    const idsAfter = new Map(
      (await pool.query("SELECT slug, id FROM archive_articles")).rows.map((r: { slug: string; id: number }) => [r.slug, r.id]),
    );
    for (const slug of ["a-00", "a-01", "a-29"]) expect(idsAfter.get(slug)).toBe(idsBefore.get(slug));
    expect(idsAfter.get("a-05")).not.toBe(idsBefore.get("a-05"));
    // A deleted article leaves nothing behind: no membership, alias or search row points at a missing article.
    const orphans = await pool.query(`
      SELECT (SELECT count(*) FROM archive_group_members WHERE article_id NOT IN (SELECT id FROM archive_articles))
           + (SELECT count(*) FROM archive_search WHERE article_id NOT IN (SELECT id FROM archive_articles))
           + (SELECT count(*) FROM archive_aliases WHERE article_id NOT IN (SELECT id FROM archive_articles)) AS n`);
    expect(orphans.rows[0].n).toBe(0);

    // An instance of the first build restarting mid-deploy does not take the archive back.
    expect(await syncReadModel(pool, one.db)).toMatchObject({ synced: false, reason: "a newer build is synced" });
    await expectServes(reader, second);
    one.db.close();
    two.db.close();
  });

  // ANALYZE reads every table's sample, tsvectors included: 15 s at 100,000 articles, most of a start that
  // syncs one article. VACUUM (the visibility map) always runs; ANALYZE only when a tenth or more changed.
  it("vacuums after every sync that wrote, and analyzes only after one that changed much", async () => {
    const { pool, drop } = await postgresSchema();
    closing.push(drop);
    const counts = async () =>
      (
        await pool.query(
          "SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyzes FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'archive_search_tokens'",
        )
      ).rows[0] as { vacuums: number; analyzes: number };
    const build = (articles: Article[]) => readModelInMemory({ articles: newestFirst(articles), banners: [] });
    const one = build(first);
    await syncReadModel(pool, one.db);
    expect(await counts()).toEqual({ vacuums: 1, analyzes: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // One article of thirty changed: vacuumed, not analyzed.
    const two = build(first.map((a) => (a.slug === "a-04" ? { ...a, title: "고친 제목" } : a)));
    expect(await syncReadModel(pool, two.db)).toMatchObject({ synced: true, changed: 1 });
    expect(await counts()).toEqual({ vacuums: 2, analyzes: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Four of thirty: analyzed too.
    const three = build(first.map((a, i) => (i < 4 ? { ...a, title: `다시 고친 제목 ${i}` } : a)));
    expect(await syncReadModel(pool, three.db)).toMatchObject({ synced: true });
    expect(await counts()).toEqual({ vacuums: 3, analyzes: 2 });
    for (const db of [one.db, two.db, three.db]) db.close();
  });

  // Tests, and newsrooms with a staging copy, keep read models in schemas of one database; one of them
  // dropped must not take pg_trgm, and so the other read models' word indexes, with it.
  it("keeps pg_trgm out of every read model's schema, and moves it out of one an earlier version put it in", async () => {
    const database = await scratchDatabase("portal_trgm");
    closing.push(database.drop);
    const pools = ["older", "a", "b"].map((schema) => readModelPool(database.url, schema));
    closing.unshift(() => Promise.all(pools.map((pool) => pool.end())).then(() => undefined));
    const [older, a, b] = pools as [pg.Pool, pg.Pool, pg.Pool];
    for (const schema of ["older", "a", "b"]) await older.query(`CREATE SCHEMA ${schema}`);
    const extensionSchema = async () =>
      (await older.query("SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'")).rows[0]
        ?.schema as string | undefined;
    // What the earlier version did: CREATE EXTENSION into the first schema of the search_path.
    await older.query("CREATE EXTENSION pg_trgm");
    expect(await extensionSchema()).toBe("older");
    const build = readModelInMemory({ articles: newestFirst(first), banners: [] });
    for (const pool of [older, a, b]) expect(await syncReadModel(pool, build.db)).toMatchObject({ synced: true });
    expect(await extensionSchema()).toBe("extensions");
    await a.query("DROP SCHEMA older CASCADE");
    await a.query("DROP SCHEMA a CASCADE");
    expect(await extensionSchema()).toBe("extensions");
    const wordIndexes = await b.query(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'b' AND tablename = 'archive_search_words'",
    );
    expect(wordIndexes.rows.map((r: { indexname: string }) => r.indexname)).toContain("archive_search_words_trigrams");
    await expectServes(new PostgresArchiveReader(b), first);
    build.db.close();
  });

  it("syncs once when two processes start together, and both then serve the build", async () => {
    const { pool, schema, drop } = await postgresSchema();
    closing.push(drop);
    const otherPool = readModelPool(POSTGRES_URL, schema);
    closing.unshift(() => otherPool.end());
    const build = readModelInMemory({ articles: newestFirst(first), banners: [] });
    const results = await Promise.all([syncReadModel(pool, build.db), syncReadModel(otherPool, build.db)]);
    expect(results.map((r) => r.synced).sort()).toEqual([false, true]);
    await expectServes(new PostgresArchiveReader(pool), first);
    await expectServes(new PostgresArchiveReader(otherPool), first);
    build.db.close();
  });
});

describe("SQLite: each build updates the published build's read model", () => {
  it("copies the previous file and rewrites only what changed; the previous file is left as it was", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-model-"));
    try {
      const previous = path.join(dir, "one.db");
      const next = path.join(dir, "two.db");
      expect(writeReadModelFile(previous, { articles: newestFirst(first), banners: [] } as never)).toBeUndefined();
      const second = secondBuild(newestFirst(first));
      const update = writeReadModelFile(next, { articles: second, banners: [] } as never, previous);
      // a-05 and a-10 (drafted) and a-12 (rescheduled) changed; a-03 and a-07 went; a-07-renamed and new-one came.
      expect(update).toEqual({ added: 2, changed: 3, removed: 2, unchanged: 25 });
      for (const [file, articles] of [
        [previous, first],
        [next, second],
      ] as const) {
        const reader = openReadModel(file);
        try {
          await expectServes(reader, articles);
        } finally {
          reader.db.close();
        }
      }
      // The same, copied in the background first (npm run build copies while the check reads content/).
      const third = path.join(dir, "three.db");
      const copied = copyPreviousReadModel(third, previous);
      expect(await copied).toBe(true);
      expect(writeReadModelFile(third, { articles: second, banners: [] } as never, previous, { copied: true })).toEqual(update);
      const copiedReader = openReadModel(third);
      await expectServes(copiedReader, second);
      copiedReader.db.close();
      expect(await copyPreviousReadModel(path.join(dir, "four.db"), path.join(dir, "none.db"))).toBe(false);
      // A file another version wrote is not updated: the build writes its read model anew.
      const other = new Database(previous);
      other.prepare("UPDATE meta SET value = 'other' WHERE key = 'version'").run();
      other.close();
      expect(writeReadModelFile(next, { articles: second, banners: [] } as never, previous)).toBeUndefined();
      const reader = openReadModel(next);
      await expectServes(reader, second);
      reader.db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
