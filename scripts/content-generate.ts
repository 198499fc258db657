// npm run content:generate -- --count N --out DIR
// Writes N deterministic synthetic articles (recombined from content/) plus banners.yaml and publisher.yaml into DIR/, never into content/.
import fs from "node:fs";
import path from "node:path";
import { readContent } from "@/lib/content";
import { contentDir } from "@/lib/site";
import { generateArticles } from "@/scripts/lib/synthetic";
import { readArgs } from "./lib/args";

function main() {
  const args = readArgs(process.argv.slice(2));
  const count = Number(args.get("count"));
  const out = args.get("out");
  if (!Number.isInteger(count) || count < 1 || !out)
    throw new Error("usage: npm run content:generate -- --count 2000 --out /tmp/synthetic");
  const source = contentDir();
  const target = path.resolve(out);
  if (target === source || target.startsWith(source + path.sep))
    throw new Error(`refusing to write into ${source}: synthetic articles never go in content/`);
  const files = generateArticles(readContent(source).articles, count);
  fs.rmSync(path.join(target, "articles"), { recursive: true, force: true });
  fs.mkdirSync(path.join(target, "articles"), { recursive: true });
  for (const file of files) fs.writeFileSync(path.join(target, "articles", file.name), file.text);
  fs.copyFileSync(path.join(source, "banners.yaml"), path.join(target, "banners.yaml"));
  fs.copyFileSync(path.join(source, "publisher.yaml"), path.join(target, "publisher.yaml"));
  console.log(`wrote ${files.length} synthetic articles to ${path.join(target, "articles")}`);
}

try {
  main();
} catch (error) {
  console.error(`content:generate: ${(error as Error).message}`);
  process.exit(1);
}
