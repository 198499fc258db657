// The database: one Kysely instance per process over SQLite (default) or PostgreSQL, migrated on first use.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Migration, type Transaction } from "kysely";
import pg from "pg";
import { databaseConfig, type DatabaseConfig } from "@/lib/db/config";
import { migrations } from "@/lib/db/migrations";
import type { Database } from "@/lib/db/schema";

// PostgreSQL returns bigint (int8) as text by default; our bigints are epoch milliseconds and counts.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = {
  kysely: Kysely<Database>;
  engine: DatabaseConfig["engine"];
  close: () => Promise<void>;
  sqlite?: SQLite.Database;
};

/** Opens (creating the file and its folder if needed) and migrates a database. */
export async function openDatabase(
  config: DatabaseConfig = databaseConfig(),
  options: { schema?: string; migrations?: Record<string, Migration> } = {},
): Promise<Db> {
  let db: Db;
  if (config.engine === "sqlite") {
    if (config.file !== ":memory:") fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    // WAL lets readers run beside the writer; the busy timeout makes a second writer wait instead of failing.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    db = { kysely, engine: "sqlite", sqlite, close: () => kysely.destroy() };
  } else {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    if (options.schema) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(kysely);
    db = { kysely, engine: "postgres", close: () => kysely.destroy() };
  }
  try {
    await migrate(db, options.migrations ?? migrations(db.engine));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Applies pending migrations inside one write transaction (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory
 * lock), so processes starting together take turns: the second waits, then finds nothing left to do.
 * Kysely's Migrator takes no lock on SQLite, and two first starts raced to "table already exists".
 * The bookkeeping table is Kysely's own, so databases it migrated carry on.
 */
async function migrate(db: Db, all: Record<string, Migration>): Promise<void> {
  // Another process may hold the lock for a whole migration: wait longer than for an ordinary write.
  db.sqlite?.pragma("busy_timeout = 60000");
  try {
    await writeTransaction(db, "portal:migrations", async (trx) => {
      await sql`create table if not exists kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(
        trx,
      );
      const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(trx)).rows.map((r) => r.name));
      for (const name of Object.keys(all).sort()) {
        if (done.has(name)) continue;
        try {
          await all[name]!.up(trx);
        } catch (error) {
          throw new Error(`database migration ${name} failed: ${(error as Error).message}`, { cause: error });
        }
        await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(trx);
      }
    });
  } finally {
    db.sqlite?.pragma("busy_timeout = 5000");
  }
}

// Process-wide, not module-wide: route handlers and pages are separate bundles with their own copy of this
// module, and two copies opening the database would hold two connections and run the migrations twice.
const opened = globalThis as { [key: symbol]: Promise<Db> | undefined };
const SHARED_DB = Symbol.for("portal.db");

/** The process's database, opened from DATABASE_URL on first use. */
export function getDb(): Promise<Db> {
  opened[SHARED_DB] ??= openDatabase().catch((error) => {
    opened[SHARED_DB] = undefined;
    throw error;
  });
  return opened[SHARED_DB];
}

/**
 * Runs `work` in a write transaction that no other writer can interleave with: SQLite's BEGIN IMMEDIATE
 * (one writer at a time, across processes), or a PostgreSQL transaction holding an advisory lock on `lockKey`.
 */
export async function writeTransaction<T>(db: Db, lockKey: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.engine === "postgres") {
    return db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
      return work(trx);
    });
  }
  return db.kysely.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/** A secret kept in the database (created on first use), e.g. the salt for visitor hashes. */
export async function setting(db: Db, key: string): Promise<string> {
  const existing = await db.kysely.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  if (existing) return existing.value;
  await db.kysely
    .insertInto("settings")
    .values({ key, value: randomBytes(32).toString("hex") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const stored = await db.kysely.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirstOrThrow();
  return stored.value;
}
