// The engines a read model test runs on: the build's SQLite file (here in memory) and PostgreSQL, synced
// from it as a server does at start, in a schema of its own per test, dropped afterwards.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { readModelPool } from "@/lib/archive/postgres/connection";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import Database from "better-sqlite3";
import { readModelInMemory, SqliteArchiveReader } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { updateReadModel, writeReadModel } from "@/lib/archive/write";
import type { Article } from "@/lib/content/schema";
import type { SearchTuning } from "@/lib/archive/search-budget";
import { searchArticles, type SearchIndex } from "@/scripts/lib/search-reference";
import { POSTGRES_URL } from "../engagement/engines";

type Content = Parameters<typeof readModelInMemory>[0];

export type OpenedArchive = { reader: ArchiveReader; close: () => Promise<void> };

/** A PostgreSQL schema of its own, and a read model pool on it. */
export async function postgresSchema(): Promise<{
  schema: string;
  pool: ReturnType<typeof readModelPool>;
  drop: () => Promise<void>;
}> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const pool = readModelPool(POSTGRES_URL, schema);
  await pool.query(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

/**
 * Opens `content()` (read when the block's tests start: a fixture may be made in an earlier beforeAll) on
 * `engine` before the enclosing describe block's tests and closes it after them; the reader, once open.
 */
export function openBeforeAll(
  engine: (typeof ARCHIVE_ENGINES)[number],
  content: () => Content,
  timeout: number,
): () => ArchiveReader {
  let opened: OpenedArchive | undefined;
  beforeAll(async () => {
    opened = await engine.open(content());
  }, timeout);
  afterAll(() => opened?.close());
  return () => opened!.reader;
}

export const ARCHIVE_ENGINES: { name: string; open: (content: Content) => Promise<OpenedArchive> }[] = [
  {
    name: "SQLite",
    open: async (content) => {
      const reader = readModelInMemory(content);
      return {
        reader,
        close: async () => {
          reader.db.close();
        },
      };
    },
  },
  {
    // A build updates the previous build's read model (updateReadModel): written for an earlier state of
    // the content, then brought to this one, it must answer exactly as one written anew.
    name: "SQLite, updated from an earlier build",
    open: async (content) => {
      const db = new Database(":memory:");
      writeReadModel(db, { ...content, articles: earlierState(content.articles) });
      const update = updateReadModel(db, content, { atMost: 1 });
      if (!update || update.added + update.changed + update.removed === 0)
        throw new Error(`the update did not run: ${JSON.stringify(update)}`);
      const reader = new SqliteArchiveReader(db);
      return {
        reader,
        close: async () => {
          db.close();
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    open: async (content) => {
      const source = readModelInMemory(content);
      const { pool, drop } = await postgresSchema();
      await syncReadModel(pool, source.db);
      source.db.close();
      return { reader: new PostgresArchiveReader(pool), close: drop };
    },
  },
];

/** The same read model, read by a reader with other search settings (`tuning` over the reader's own). */
export function tunedSearch(reader: ArchiveReader, tuning: SearchTuning): ArchiveReader {
  if (reader instanceof PostgresArchiveReader)
    return new PostgresArchiveReader(reader.pool, undefined, { ...reader.options, ...tuning });
  if (reader instanceof SqliteArchiveReader) return new SqliteArchiveReader(reader.db, { ...reader.options, ...tuning });
  throw new Error(`no tuned reader for ${reader.engine}`);
}

/** The same read model, read by a reader told to estimate totals from `from` sampled matches up. */
export const estimatingFrom = (reader: ArchiveReader, from: number) => tunedSearch(reader, { estimateFrom: from });

/** The same read model, read by a reader that walks the index's states however few the matches (no budget). */
export const walking = (reader: ArchiveReader) =>
  tunedSearch(reader, {
    directScoringMax: 0,
    scoredAtMost: Number.MAX_SAFE_INTEGER,
    walkBudget: { states: Infinity, characters: Infinity, rows: Infinity, milliseconds: Infinity },
  });

/**
 * One page of `query` as the reader answers it and as the in-memory reference does, in the same shape
 * (slugs with scores, and the total), for one `toEqual`.
 */
export async function searchBothWays(
  reader: ArchiveReader,
  index: SearchIndex,
  query: string,
  now: number,
  offset = 0,
  limit = 10_000,
) {
  const found = await reader.search(query, now, offset, limit);
  const expected = searchArticles(index, query, offset, limit);
  const page = (result: { total: number; hits: { article: { slug: string }; score: number }[] }) => ({
    query,
    offset,
    total: result.total,
    hits: result.hits.map((h) => [h.article.slug, h.score]),
  });
  return { found: page(found), expected: page(expected) };
}

/**
 * An earlier state of `articles`, in content order: every fifth article edited (every tenth of those
 * moved a day back), every seventh not yet written, and two articles since deleted, one of them claiming
 * another's old address first and leading a series, so the update must hand both back.
 */
function earlierState(articles: Article[]): Article[] {
  const day = 86_400_000;
  const earlier = articles.flatMap((article, i) => {
    if (i % 7 === 3) return [];
    if (i % 5 !== 1) return [article];
    const moved = i % 10 === 1 ? { date: new Date(Date.parse(article.date) - day).toISOString() } : {};
    return [{ ...article, title: `${article.title} (고치기 전)`, tags: [...article.tags, "고치기전"], ...moved }];
  });
  const claimed = articles.find((article) => article.aliases.length);
  const series = articles.find((article) => article.series);
  for (const [slug, model] of [
    ["zz-deleted-a", series ?? articles[0]],
    ["zz-deleted-b", claimed ?? articles[0]],
  ] as const)
    if (model)
      earlier.push({
        ...model,
        slug,
        file: `articles/${slug}.md`,
        date: new Date(Date.parse(articles[0]!.date) + day).toISOString(),
        seriesNo: model.series ? 0 : model.seriesNo,
        aliases: claimed?.aliases ?? [],
      });
  return earlier.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}
