// One read model's connections in PostgreSQL: statements with `@name` placeholders, and the read-only
// transactions search runs in (one connection, or two sharing a snapshot).
import pg from "pg";
import { bind } from "@/lib/archive/postgres/schema";

/** The pool a reader asks, once `opened` (the sync at start) has settled. */
export class PgConnection {
  constructor(
    readonly pool: pg.Pool,
    readonly opened: Promise<unknown> = Promise.resolve(),
  ) {}

  async rows<T>(text: string, params: Record<string, unknown> = {}, client: pg.Pool | pg.PoolClient = this.pool): Promise<T[]> {
    await this.opened;
    const query = bind(text, params);
    return (await client.query(query.text, query.values)).rows as T[];
  }

  /**
   * Runs `work` on a connection that plans with indexes only and, when `paired` and the pool has one
   * free, on a second one reading the same snapshot (search counts on it while it walks on the first). Most articles
   * hold a common gram, so the planner's estimate favours a sequential scan, but it does not count what
   * testing each row's tokens costs (unpacking a tsvector of a few thousand): 99–184 ms at 2,000 articles
   * for the gram arrays before them, against 6 ms through the GIN index (BENCHMARKS.md, "Search").
   */
  async withTokenIndex<T>(paired: boolean, work: (client: pg.PoolClient, second?: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.opened;
    const client = await this.pool.connect();
    // Only a connection to be had now: a search waiting for a second while holding one could wait forever.
    const free = this.pool.idleCount > 0 || this.pool.totalCount < (this.pool.options.max ?? 10);
    const second = paired && free ? await this.pool.connect() : undefined;
    const begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    const indexesOnly = "SET LOCAL enable_seqscan = off";
    try {
      if (!second) await client.query(`${begin}; ${indexesOnly}`);
      else {
        const started = (await client.query(
          `${begin}; ${indexesOnly}; SELECT pg_export_snapshot() AS snapshot`,
        )) as unknown as pg.QueryResult[];
        const snapshot = String(started[2]!.rows[0].snapshot);
        if (!/^[0-9A-F-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
        await second.query(`${begin}; SET TRANSACTION SNAPSHOT '${snapshot}'; ${indexesOnly}`);
      }
      const result = await work(client, second);
      await Promise.all([client.query("COMMIT"), second?.query("COMMIT")]);
      return result;
    } catch (error) {
      await Promise.all([client.query("ROLLBACK").catch(() => undefined), second?.query("ROLLBACK").catch(() => undefined)]);
      throw error;
    } finally {
      client.release();
      second?.release();
    }
  }

  async row<T>(text: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  async meta<T>(key: string): Promise<T> {
    const row = await this.row<{ value: string }>("SELECT value FROM archive_meta WHERE key = @key", { key });
    if (!row) throw new Error(`the PostgreSQL read model has no ${key}: it was never synced`);
    return JSON.parse(row.value) as T;
  }
}

/** A pool for the read model: a few connections, as pages ask one short query at a time. */
export function readModelPool(url: string, schema?: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 8, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
}
