// The PostgreSQL sync at start runs in a thread of its own (lib/archive/postgres/sync-thread.ts) so that
// the heap a large archive's copy leaves is not the serving thread's: here, that the thread's sync is the
// whole sync (the served archive answers as the build's file does, and archive() does not sync again),
// and that a sync that fails at start is left to the first request, as it was before there was a thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { archive, READ_MODEL_FILE, syncBeforeServing, writeReadModelFile } from "@/lib/archive";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { openReadModel } from "@/lib/archive/sqlite/reader";
import { SNAPSHOT_DIR_ENV } from "@/lib/content/build-snapshot";
import { scratchDatabase } from "../../scripts/lib/scratch-database";
import { syncThreadCode } from "../../server/thread-code";
import { syntheticArchive } from "./fixtures";

const NOW = Date.parse("2030-01-01T00:00:00Z");
// Newest first, as content/ is loaded (the read model's order is publication order).
const ARTICLES = syntheticArchive(60).sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
const CONTENT = { articles: ARTICLES, banners: [], publisher: undefined as never, abbreviations: {} };

describe("the sync at start, in a thread of its own", () => {
  const code = syncThreadCode();
  const saved = { snapshot: process.env[SNAPSHOT_DIR_ENV], database: process.env.DATABASE_URL };
  let dir: string;
  let database: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sync-thread-"));
    writeReadModelFile(path.join(dir, READ_MODEL_FILE), CONTENT);
    database = await scratchDatabase("sync_thread");
  }, 120_000);

  afterEach(() => {
    vi.restoreAllMocks();
    for (const [name, value] of [
      [SNAPSHOT_DIR_ENV, saved.snapshot],
      ["DATABASE_URL", saved.database],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  afterAll(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a failed sync is logged and left to the first request", async () => {
    process.env[SNAPSHOT_DIR_ENV] = dir;
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await syncBeforeServing(code);
    expect(logged.mock.calls.flat().join(" ")).toMatch(/sync failed; the first request tries again|동기화 실패/);
    const reader = archive() as PostgresArchiveReader;
    // Not marked synced: the reader syncs itself, and fails here as the database is not there.
    await expect(reader.ready()).rejects.toThrow();
  }, 60_000);

  it("syncs the build's read model before serving; archive() then serves it without syncing again", async () => {
    process.env[SNAPSHOT_DIR_ENV] = dir;
    process.env.DATABASE_URL = database.url;
    const logged = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await syncBeforeServing(code);
    expect(logged.mock.calls.flat().join(" ")).toMatch(/synced: 60 added|추가 60/);
    const reader = archive();
    expect(reader).toBeInstanceOf(PostgresArchiveReader);
    await reader.ready();
    // One sync only: the reader's own would have logged "nothing to sync".
    expect(logged.mock.calls.flat().join(" ")).not.toMatch(/nothing to sync|동기화할 것 없음/);
    const file = openReadModel(path.join(dir, READ_MODEL_FILE));
    try {
      const slugs = (cards: { slug: string }[]) => cards.map((card) => card.slug);
      expect(slugs(await reader.newest(NOW, 20))).toEqual(slugs(await file.newest(NOW, 20)));
      expect(await reader.sitemapArticles(NOW)).toEqual(await file.sitemapArticles(NOW));
      const one = CONTENT.articles[7]!.slug;
      expect((await reader.article(one, NOW))?.html).toBe((await file.article(one, NOW))?.html);
    } finally {
      file.db.close();
      await (reader as PostgresArchiveReader).pool.end();
    }
  }, 120_000);
});
