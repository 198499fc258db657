// npm run db:export [-- --out FILE] — every comment (all statuses) as JSON, to a file or standard output.
import fs from "node:fs";
import { openDatabase } from "@/lib/db";
import { engagementService } from "@/lib/engagement/service";
import { readArgs } from "./lib/args";

async function main() {
  const out = readArgs(process.argv.slice(2)).get("out");
  const db = await openDatabase();
  const comments = await engagementService(db).exportComments();
  await db.close();
  const json = `${JSON.stringify({ exportedAt: new Date().toISOString(), comments }, null, 2)}\n`;
  if (out) {
    fs.writeFileSync(out, json);
    console.error(`${comments.length} comments written to ${out}`);
  } else process.stdout.write(json);
}

main().catch((error) => {
  console.error(`db:export: ${(error as Error).message}`);
  process.exit(1);
});
