// Two processes starting on one new database take turns migrating: the interleaving that raced is forced.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { POSTGRES_URL } from "./engines";
import { gatedMigrations } from "./fixtures/gated-migrations";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function appliedNames(db: Awaited<ReturnType<typeof openDatabase>>) {
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely)).rows.map(
    (r) => r.name,
  );
}

it("a second process starting while the first is mid-migration waits, then finds the work done (SQLite file)", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-migrate-")), "portal.db");
  const entered = deferred();
  const release = deferred();
  // The first process has read which migrations are pending and is about to write when the second arrives.
  const first = openDatabase(
    { engine: "sqlite", file },
    {
      migrations: gatedMigrations("sqlite", async () => {
        entered.resolve();
        await release.promise;
      }),
    },
  );
  await entered.promise;
  const second = spawn(process.execPath, ["--import", "tsx", "tests/engagement/fixtures/open-database.ts", file], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  second.stdout.on("data", (chunk) => (out += chunk));
  second.stderr.on("data", (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => second.once("exit", resolve));
  while (!out.includes("opening") && second.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
  // Time for the second process to reach the migrations (and, without the lock, to run them itself).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  release.resolve();
  const db = await first;
  expect(await exited, out).toBe(0);
  const names = await appliedNames(db);
  expect(out).toContain(JSON.stringify(names));
  expect(names[0]).toBe("0000-gate");
  await db.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}, 60_000);

it("two connections starting together on PostgreSQL migrate once", async () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const entered = deferred();
  const release = deferred();
  const first = openDatabase(
    { engine: "postgres", url: POSTGRES_URL },
    {
      schema,
      migrations: gatedMigrations("postgres", async () => {
        entered.resolve();
        await release.promise;
      }),
    },
  );
  await entered.promise;
  const second = openDatabase(
    { engine: "postgres", url: POSTGRES_URL },
    { schema, migrations: gatedMigrations("postgres", async () => undefined) },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  release.resolve();
  const [a, b] = await Promise.all([first, second]);
  expect(await appliedNames(b)).toEqual(await appliedNames(a));
  await sql`drop schema ${sql.id(schema)} cascade`.execute(a.kysely);
  await Promise.all([a.close(), b.close()]);
}, 60_000);
