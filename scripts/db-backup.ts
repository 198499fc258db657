// npm run db:backup [-- --out FILE] — an online backup of the database while the site keeps running:
// SQLite's backup API for the default file database, pg_dump for PostgreSQL.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/lib/db";
import { databaseConfig } from "@/lib/db/config";
import { readArgs } from "./lib/args";

async function main() {
  const config = databaseConfig();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = path.resolve(
    readArgs(process.argv.slice(2)).get("out") ?? `data/backups/portal-${stamp}.${config.engine === "sqlite" ? "db" : "sql"}`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (config.engine === "postgres") {
    const dump = spawnSync("pg_dump", ["--no-owner", "--file", out, config.url], { encoding: "utf8" });
    if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr || dump.error?.message}`);
  } else {
    if (config.file === ":memory:") throw new Error("an in-memory database has nothing to back up");
    const db = await openDatabase(config);
    // Copies page by page while writers carry on; the result is a consistent snapshot.
    await db.sqlite!.backup(out);
    await db.close();
  }
  console.log(`backup written to ${out} (${(fs.statSync(out).size / 1024).toFixed(1)} KB)`);
}

main().catch((error) => {
  console.error(`db:backup: ${(error as Error).message}`);
  process.exit(1);
});
