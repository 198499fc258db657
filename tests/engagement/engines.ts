// The real engines every storage test runs on: SQLite in memory, SQLite in a WAL file, and the PostgreSQL server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDatabase, type Db } from "@/lib/db";

export { POSTGRES_URL } from "../../scripts/lib/scratch-database";
import { POSTGRES_URL } from "../../scripts/lib/scratch-database";

export type Engine = { name: string; open: () => Promise<Db & { drop: () => Promise<void> }> };

export const ENGINES: Engine[] = [
  {
    name: "SQLite in memory",
    open: async () => {
      const db = await openDatabase({ engine: "sqlite", file: ":memory:" });
      return { ...db, drop: db.close };
    },
  },
  {
    name: "SQLite file",
    open: async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-")), "portal.db");
      const db = await openDatabase({ engine: "sqlite", file });
      return {
        ...db,
        drop: async () => {
          await db.close();
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    open: async () => {
      // A schema of its own per test, dropped afterwards, in the shared `test` database.
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const db = await openDatabase({ engine: "postgres", url: POSTGRES_URL }, { schema });
      return {
        ...db,
        drop: async () => {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(db.kysely);
          await db.close();
        },
      };
    },
  },
];
