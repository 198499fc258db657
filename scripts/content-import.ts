// npm run content:import -- --from wordpress export.xml [--uploads wp-content/uploads] [--force]
//   [--report report.json] [--sections mapping.yaml]
// Brings a WordPress export into content/ (or CONTENT_DIR) and its comments into the comments store
// (DATABASE_URL, as the site uses it): lib/import/wordpress/import.ts says what becomes what. Prints a
// report in the editors' language; --report also writes it as JSON. Then run npm run content:check.
// package.json runs it (without tsx's loader: scripts/run.mjs) with 4 MB semi-spaces and a 160 MB heap:
// its live data is ~30-90 MB, and V8's defaults for a large machine let a 100,000-post import reach
// ~400-530 MB resident; capped, it stays under 250 MB at the same speed (BENCHMARKS.md, "Archive import").
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { openDatabase } from "@/lib/db";
import { engagementConfig } from "@/lib/engagement/config";
import { importComments, type ImportedCommentsResult } from "@/lib/engagement/imported-comments";
import { say } from "@/lib/editor-language";
import { importWordpress } from "@/lib/import/wordpress/import";
import type { ImportReport } from "@/lib/import/wordpress/report";
import { readSectionMapping, SECTIONS_FILE } from "@/lib/import/wordpress/sections";
import { WxrError } from "@/lib/import/wordpress/wxr";
import { contentDir, imageCacheDir } from "@/lib/site";

const USAGE = say(
  "사용법: npm run content:import -- --from wordpress 내보낸파일.xml [--uploads wp-content/uploads 폴더] [--force] [--report 보고서.json] [--sections 섹션대응.yaml]",
  "usage: npm run content:import -- --from wordpress export.xml [--uploads wp-content/uploads] [--force] [--report report.json] [--sections mapping.yaml]",
);

function args(argv: string[]) {
  const options: { from?: string; file?: string; uploads?: string; force: boolean; report?: string; sections?: string } = {
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--force") options.force = true;
    else if (arg === "--from") options.from = argv[++i];
    else if (arg === "--uploads") options.uploads = argv[++i];
    else if (arg === "--report") options.report = argv[++i];
    else if (arg === "--sections") options.sections = argv[++i];
    else if (!arg.startsWith("--") && !options.file) options.file = arg;
    else throw new Error(`${say("알 수 없는 인자", "unknown argument")} ${arg}\n${USAGE}`);
  }
  if (options.from !== "wordpress" || !options.file) throw new Error(USAGE);
  return options;
}

/** Names the newsroom keeps for itself (content/publisher.yaml), which imported nicknames may not take either. */
function reservedNicknames(dir: string): string[] {
  const file = path.join(dir, "publisher.yaml");
  if (!fs.existsSync(file)) return [];
  const publisher = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { title?: string; reservedNicknames?: string[] };
  return [publisher.title, ...(publisher.reservedNicknames ?? [])].filter((name): name is string => typeof name === "string");
}

function print(report: ImportReport, comments: ImportedCommentsResult): void {
  const { posts } = report;
  const lines = [
    say("워드프레스 가져오기 결과", "WordPress import"),
    say(
      `  기사: 새로 ${posts.created}, 고침 ${posts.updated}, 그대로 ${posts.unchanged}, 편집자가 고쳐 건너뜀 ${posts.conflicts}, 너무 길어 따로 둠 ${posts.held}`,
      `  articles: ${posts.created} new, ${posts.updated} updated, ${posts.unchanged} unchanged, ${posts.conflicts} changed by editors (left alone), ${posts.held} too long (held)`,
    ),
    say(`  글 상태: ${JSON.stringify(report.statuses)}`, `  post statuses: ${JSON.stringify(report.statuses)}`),
    say(`  가져오지 않음: ${JSON.stringify(report.skipped)}`, `  not imported: ${JSON.stringify(report.skipped)}`),
    say(
      `  사진: 복사 ${report.photos.copied}, 자리표시 ${report.photos.placeholders} (없는 파일 ${Object.keys(report.missingPhotos).length}개)`,
      `  photos: ${report.photos.copied} copied, ${report.photos.placeholders} placeholders (${Object.keys(report.missingPhotos).length} missing files)`,
    ),
    say(
      `  댓글: 새로 ${comments.added}, 이미 있음 ${comments.existing}, 규칙에 걸림 ${comments.refused.length}, 건너뜀 ${JSON.stringify(report.comments.skipped)}`,
      `  comments: ${comments.added} added, ${comments.existing} already there, ${comments.refused.length} refused by the comment rules, skipped ${JSON.stringify(report.comments.skipped)}`,
    ),
    say(`  본문에서 뺀 것: ${JSON.stringify(report.dropped)}`, `  dropped from bodies: ${JSON.stringify(report.dropped)}`),
  ];
  if (Object.keys(report.unknownCategories).length)
    lines.push(
      say(
        `  섹션이 정해지지 않은 카테고리(태그로 남기고 기본 섹션에 넣음; ${SECTIONS_FILE}에 적으세요): ${JSON.stringify(report.unknownCategories)}`,
        `  categories without a section (kept as tags, posts in the fallback section; list them in ${SECTIONS_FILE}): ${JSON.stringify(report.unknownCategories)}`,
      ),
    );
  for (const [file, ids] of Object.entries(report.missingPhotos).slice(0, 50))
    lines.push(say(`  없는 사진 ${file}: 글 ${ids.join(", ")}`, `  missing photo ${file}: posts ${ids.join(", ")}`));
  for (const warning of report.warnings.slice(0, 200))
    lines.push(
      `  - ${warning.id ? say(`글 ${warning.id}`, `post ${warning.id}`) : ""}${warning.title ? ` "${warning.title.slice(0, 60)}"` : ""}: ${warning.message}`,
    );
  for (const refused of comments.refused.slice(0, 50)) lines.push(`  - ${refused.key}: ${refused.reason}`);
  if (report.warnings.length > 200)
    lines.push(
      say(
        `  … 알림 ${report.warnings.length - 200}건 더 (--report 파일에 모두 있습니다)`,
        `  … ${report.warnings.length - 200} more warnings (all in the --report file)`,
      ),
    );
  console.log(lines.join("\n"));
}

async function main() {
  const options = args(process.argv.slice(2));
  const dir = contentDir();
  const sections = readSectionMapping(options.sections ?? path.join(dir, SECTIONS_FILE), options.sections ?? SECTIONS_FILE);
  const db = await openDatabase();
  const reserved = reservedNicknames(dir);
  const comments: ImportedCommentsResult = { added: 0, existing: 0, refused: [] };
  try {
    const report = await importWordpress({
      file: options.file!,
      contentDir: dir,
      uploads: options.uploads,
      force: options.force,
      sections,
      imageCacheDir: imageCacheDir(),
      comments: async (batch) => {
        const result = await importComments(db, batch, engagementConfig, reserved);
        comments.added += result.added;
        comments.existing += result.existing;
        comments.refused.push(...result.refused);
      },
    });
    print(report, comments);
    if (options.report) fs.writeFileSync(options.report, `${JSON.stringify({ ...report, commentsStored: comments }, null, 2)}\n`);
    console.log(say("다음: npm run content:check 로 확인한 뒤 커밋하세요.", "Next: npm run content:check, then commit."));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  // The export is read whole once before anything is written: an export that cannot be read changes nothing.
  if (error instanceof WxrError)
    console.error(
      say(
        `가져오지 않았습니다(아무것도 쓰지 않았습니다). ${exportName()}: ${error.message}`,
        `not imported (nothing was written). ${exportName()}: ${error.message}`,
      ),
    );
  else
    console.error(
      say(`가져오다 멈췄습니다(쓴 것은 git status로 확인하세요): `, `import stopped (git status shows what it wrote): `) +
        (error instanceof Error ? error.message : String(error)),
    );
  process.exit(1);
});

function exportName(): string {
  return process.argv.slice(2).find((arg, i, all) => !arg.startsWith("--") && all[i - 1] === "wordpress") ?? "export";
}
