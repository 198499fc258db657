// Builds the real content (plus one hostile article and a section's worth of labelled listing fixtures) with a fresh database and serves it for the browser tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, startServer, type RunningServer } from "../../scripts/lib/next-server";
import { writeCameraPhoto } from "../fixtures/camera-photo";

declare module "vitest" {
  export interface ProvidedContext {
    e2eUrl: string;
  }
}

let server: RunningServer | undefined;

/** One more than a listing page holds (site.pageSize), so /sections/culture has a page 2. */
const LISTING_FIXTURES = 21;

export default async function setup(project: TestProject) {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-content-"));
  fs.cpSync(path.resolve("content"), contentDir, { recursive: true });
  fs.copyFileSync(
    path.resolve("tests/site/fixture-content/articles/hostile-markdown.md"),
    path.join(contentDir, "articles", "hostile-markdown.md"),
  );
  // Enough clearly labelled test articles in one section (older than every real one, so no real page's
  // lists change) for its listing to have a second page, which the validators check too.
  for (let n = 1; n <= LISTING_FIXTURES; n++) {
    const nn = String(n).padStart(2, "0");
    fs.writeFileSync(
      path.join(contentDir, "articles", `listing-fixture-${nn}.md`),
      `---\ntitle: "[시험용] 목록 둘째 쪽 확인 기사 ${nn}"\ndate: "2000-01-${nn} 09:00:00"\nsection: culture\n---\n\n목록의 둘째 쪽을 검사하려고 테스트가 만든 기사입니다. 실제 기사가 아닙니다.\n`,
    );
  }
  // The newest listing fixture carries a camera original as its lead and in its body (photos.e2e.ts).
  await writeCameraPhoto(path.join(contentDir, "images", "test", "camera.jpg"));
  const photoArticle = path.join(contentDir, "articles", `listing-fixture-${LISTING_FIXTURES}.md`);
  fs.writeFileSync(
    photoArticle,
    fs
      .readFileSync(photoArticle, "utf8")
      .replace(
        "\n---\n",
        '\nimage: { src: /images/test/camera.jpg, alt: "[시험용] 색 띠 사진", caption: "[시험용] 대표 사진 설명", credit: 사진=시험 촬영 }\n---\n',
      ) + '\n![[시험용] 본문 사진](/images/test/camera.jpg "[시험용] 본문 사진 설명 | 사진=시험 촬영")\n',
  );
  const env = {
    DATABASE_URL: path.join(contentDir, "portal.db"),
    COMMENT_MIN_INTERVAL_SECONDS: "0",
    IMAGE_CACHE_DIR: path.join(contentDir, ".image-cache"),
  };
  const build = buildSite(contentDir, ".next-e2e", env);
  if (build.status !== 0) throw new Error(`e2e build failed:\n${build.output}`);
  server = await startServer(contentDir, ".next-e2e", env);
  project.provide("e2eUrl", server.url);
  return async () => {
    await server?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  };
}
