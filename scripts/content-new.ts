// npm run content:new -- --slug my-story [--title "제목"] [--section economy]
// Scaffolds content/articles/<slug>.md dated now (Korean time), as a draft so it cannot publish half-written.
import fs from "node:fs";
import path from "node:path";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { TEMPLATE_TEXT } from "@/lib/content/template";
import { toKstIso } from "@/lib/dates";
import { SECTIONS, contentDir } from "@/lib/site";
import { readArgs } from "./lib/args";

function main() {
  const args = readArgs(process.argv.slice(2));
  const slug = args.get("slug");
  if (!slug || !SLUG_PATTERN.test(slug)) {
    throw new Error(
      "give the URL slug: npm run content:new -- --slug kanagawa-science-park (lower-case ASCII words joined by hyphens)",
    );
  }
  const section = args.get("section") ?? "society";
  if (!SECTIONS.some((s) => s.slug === section)) {
    throw new Error(`--section must be one of: ${SECTIONS.map((s) => s.slug).join(", ")}`);
  }
  const title = args.get("title") ?? TEMPLATE_TEXT.title;
  const file = path.join(contentDir(), "articles", `${slug}.md`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose another slug`);
  const now = toKstIso(new Date()).replace("T", " ").replace("+09:00", "");
  const text = `---
title: ${JSON.stringify(title)}
date: "${now}"
section: ${section}
authors:
  - name: ${TEMPLATE_TEXT.authorName}
    title: 기자
tags: []
summary: ${TEMPLATE_TEXT.summary}
# Remove the next line when the article is ready to publish.
draft: true
---

<!-- 소제목은 "## 소제목", 사진은 public/images/ 에 파일을 넣고 ![사진 설명](/images/파일.jpg "사진 캡션") 처럼 씁니다. 이 안내문은 출고되지 않습니다. -->

${TEMPLATE_TEXT.body}
`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { flag: "wx" });
  console.log(`created ${path.relative(process.cwd(), file)} (draft, dated ${now} KST)`);
}

try {
  main();
} catch (error) {
  console.error(`content:new: ${(error as Error).message}`);
  process.exit(1);
}
