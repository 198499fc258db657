// npm run db:backup and db:export on a SQLite file the tests fill first.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { engagementService } from "@/lib/engagement/service";

it("backs up a live SQLite database and exports every comment as JSON", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-scripts-"));
  const file = path.join(dir, "portal.db");
  const db = await openDatabase({ engine: "sqlite", file });
  await engagementService(db).postComment("a", { nickname: "독자", body: "백업될 댓글", password: "pass1234" }, "c");
  const run = (script: string, args: string[]) =>
    spawnSync("npm", ["run", "--silent", script, "--", ...args], {
      env: { ...process.env, DATABASE_URL: file },
      encoding: "utf8",
    });

  // The database stays open (as the site would hold it) while the backup runs.
  const backup = run("db:backup", ["--out", path.join(dir, "backup.db")]);
  expect(backup.status, backup.stderr).toBe(0);
  const copy = new SQLite(path.join(dir, "backup.db"), { readonly: true });
  expect(copy.prepare("select body from comments").all()).toEqual([{ body: "백업될 댓글" }]);
  copy.close();

  const exported = run("db:export", ["--out", path.join(dir, "comments.json")]);
  expect(exported.status, exported.stderr).toBe(0);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "comments.json"), "utf8")) as {
    comments: { body: string; articleSlug: string; status: string }[];
  };
  expect(json.comments).toEqual([expect.objectContaining({ body: "백업될 댓글", articleSlug: "a", status: "visible" })]);
  await db.close();
}, 60_000);
