// npm run build runs this before `next build`: the archive's read model (lib/archive/write.ts) written
// into the build's snapshot folder, which the build's workers and then the server open read-only.
import path from "node:path";
import { READ_MODEL_FILE, writeReadModelFile } from "@/lib/archive";
import { readContent } from "@/lib/content";
import { say } from "@/lib/content/problems";
import { contentDir } from "@/lib/site";

const folder = process.argv[2];
if (!folder) throw new Error("usage: tsx scripts/read-model.ts <snapshot folder>");
const started = performance.now();
const content = readContent(contentDir());
writeReadModelFile(path.join(folder, READ_MODEL_FILE), content);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  say(
    `읽기 모델: 기사 ${content.articles.length}건 (${seconds}초)`,
    `Read model: ${content.articles.length} articles (${seconds} s)`,
  ),
);
