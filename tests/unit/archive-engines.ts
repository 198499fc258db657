// The engines a read model test runs on: the build's SQLite file (here in memory) and PostgreSQL, synced
// from it as a server does at start, in a schema of its own per test, dropped afterwards.
import { randomBytes } from "node:crypto";
import { readModelPool, syncReadModel, PostgresArchiveReader } from "@/lib/archive/postgres";
import { readModelInMemory, type ArchiveReader } from "@/lib/archive/read";
import { searchArticles, type SearchIndex } from "@/lib/search/index";
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
