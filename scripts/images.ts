// npm run build runs this after content:check: every photo's variants (lib/images/slots.ts) made ahead into
// IMAGE_CACHE_DIR, once per content hash, so a rebuild encodes only new or changed photos.
import { readContent } from "@/lib/content";
import { say } from "@/lib/content/problems";
import { photosOf } from "@/lib/images/catalog";
import { ensureAllVariants } from "@/lib/images/encode";
import { contentDir, imageCacheDir } from "@/lib/site";

async function main() {
  const started = performance.now();
  const photos = [...photosOf(readContent(contentDir())).values()];
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

void main();
