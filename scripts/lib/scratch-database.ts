// Throwaway PostgreSQL databases for tests and benchmarks, on the machine's server (TEST_POSTGRES_URL).
import { randomBytes } from "node:crypto";
import pg from "pg";

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";

/** Runs one statement as the server's admin connection (CREATE / DROP DATABASE cannot run in a pool's transaction). */
async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A new, empty database named `<prefix>_<random>`: its URL, and `drop` to remove it (connections and all). */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: POSTGRES_URL.replace(/\/[^/?]+(\?|$)/, `/${name}$1`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
