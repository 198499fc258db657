// npm run content:new -- --slug my-story [--title "제목"] [--section economy]
// Scaffolds content/articles/<slug>.md dated now (Korean time), as a draft so it cannot publish half-written.
import fs from "node:fs";
import path from "node:path";
import { say } from "@/lib/editor-language";
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
      say(
        "주소가 될 이름을 주세요: npm run content:new -- --slug kanagawa-science-park (영문 소문자 낱말을 하이픈으로 이어서)",
        "give the URL slug: npm run content:new -- --slug kanagawa-science-park (lower-case ASCII words joined by hyphens)",
      ),
    );
  }
  const section = args.get("section") ?? "society";
  if (!SECTIONS.some((s) => s.slug === section)) {
    const sections = SECTIONS.map((s) => `${s.slug}(${s.name})`).join(", ");
    throw new Error(say(`--section은 다음 가운데 하나입니다: ${sections}`, `--section must be one of: ${sections}`));
  }
  const title = args.get("title") ?? TEMPLATE_TEXT.title;
  const file = path.join(contentDir(), "articles", `${slug}.md`);
  if (fs.existsSync(file))
    throw new Error(say(`${file} 파일이 이미 있습니다. 다른 이름을 고르세요.`, `${file} already exists; choose another slug`));
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
# 출고할 준비가 되면 아래 draft 줄을 지우세요. (Remove the next line when the article is ready to publish.)
draft: true
---

<!-- 소제목은 "## 소제목", 사진은 public/images/ 에 파일을 넣고 ![사진 설명](/images/파일.jpg "사진 캡션") 처럼 씁니다. 이 안내문은 출고되지 않습니다. -->

${TEMPLATE_TEXT.body}
`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { flag: "wx" });
  const created = path.relative(process.cwd(), file);
  console.log(say(`${created} 파일을 만들었습니다(초고, ${now} 한국 시각).`, `created ${created} (draft, dated ${now} KST)`));
}

try {
  main();
} catch (error) {
  console.error(`content:new: ${(error as Error).message}`);
  process.exit(1);
}
