// The content steps of `npm run build`: the editors' check (also `npm run content:check`), every photo's
// variants, and the archive's read model. `npm run build` runs them in one process over one reading of
// content/ (scripts/prepare-build.ts): at 100,000 articles each reading of the parse cache takes about 12 s.
import path from "node:path";
import { READ_MODEL_FILE, writeReadModelFile } from "@/lib/archive";
import { buildCatalog } from "@/scripts/lib/catalog";
import { readContent, type Content } from "@/lib/content";
import { ContentError } from "@/lib/content/problems";
import { say } from "@/lib/editor-language";
import { formatKstDateTime } from "@/lib/dates";
import { photosOf } from "@/lib/content/photos-used";
import { ensureAllVariants } from "@/lib/images/encode";
import { imageCacheDir } from "@/lib/site";

/** Reads and validates content/; on any problem prints the editors' errors and exits 1, publishing nothing. */
export function checkContent(dir: string): Content {
  try {
    const content = readContent(dir);
    const catalog = buildCatalog(content, Date.now());
    console.log(
      say(
        `콘텐츠 이상 없음: ${dir}에 기사 ${content.articles.length}건, 그중 출고 ${catalog.articles.length}건, 배너 ${content.banners.length}개.`,
        `content OK: ${content.articles.length} articles in ${dir}, ${catalog.articles.length} published, ${content.banners.length} banners.`,
      ),
    );
    for (const article of catalog.withheld) {
      const at = formatKstDateTime(article.date);
      const why = article.draft ? say("초고(draft)", "draft") : say(`${at} 예약 출고`, `scheduled for ${at} KST`);
      console.log(say(`  아직 출고 안 함(${why}): ${article.file}`, `  not published (${why}): ${article.file}`));
    }
    return content;
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Every photo's variants (lib/images/slots.ts) made ahead into IMAGE_CACHE_DIR, once per content hash. */
export async function makePhotoVariants(content: Content): Promise<void> {
  const started = performance.now();
  const photos = [...photosOf(content).values()];
  const cacheDir = imageCacheDir();
  let made = 0;
  for (const photo of photos) {
    try {
      made += await ensureAllVariants(photo, cacheDir);
    } catch (error) {
      console.error(
        say(
          `${photo.file}: 사진을 변환할 수 없습니다(${(error as Error).message}). 원본에서 다시 내보내세요.`,
          `${photo.file}: the photo cannot be converted (${(error as Error).message}). Export it again from the original.`,
        ),
      );
      process.exit(1);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    say(
      `사진 ${photos.length}장, 새로 만든 변형 ${made}개 (${seconds}초, ${cacheDir})`,
      `${photos.length} photos, ${made} variants made (${seconds} s, ${cacheDir})`,
    ),
  );
}

/**
 * The archive's read model (lib/archive/write.ts) written into a build's snapshot folder: an update of
 * the published build's (`previous`) when there is one, so a change to one article of a large archive
 * rewrites that article, not the archive. `copied`: copyPreviousReadModel has copied it already.
 */
export function writeBuildReadModel(folder: string, content: Content, previous?: string, copied = false): void {
  const started = performance.now();
  const update = writeReadModelFile(path.join(folder, READ_MODEL_FILE), content, previous, { copied });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const how = update
    ? say(
        `이전 빌드에서 추가 ${update.added}, 변경 ${update.changed}, 삭제 ${update.removed}`,
        `from the previous build: ${update.added} added, ${update.changed} changed, ${update.removed} removed`,
      )
    : say("새로 씀", "written anew");
  console.log(
    say(
      `읽기 모델: 기사 ${content.articles.length}건, ${how} (${seconds}초)`,
      `Read model: ${content.articles.length} articles, ${how} (${seconds} s)`,
    ),
  );
}
