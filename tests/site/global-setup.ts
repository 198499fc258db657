// Builds the fixture site once (plus an article published an hour ago, for the news sitemap) and serves it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { toKstIso } from "@/lib/dates";
import { writeCameraPhoto } from "../fixtures/camera-photo";
import { buildSite, startServer, type RunningServer } from "../../scripts/lib/next-server";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    siteContentDir: string;
    siteDistDir: string;
    siteEnv: Record<string, string>;
  }
}

export const ADMIN_TOKEN = "fixture-admin-token-long-enough-to-pass";

let server: RunningServer | undefined;

export default async function setup(project: TestProject) {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "site-content-"));
  fs.cpSync(path.resolve("tests/site/fixture-content"), contentDir, { recursive: true });
  const anHourAgo = toKstIso(new Date(Date.now() - 3_600_000));
  fs.writeFileSync(
    path.join(contentDir, "articles", "fresh-news.md"),
    `---\ntitle: 방금 들어온 소식\ndate: "${anHourAgo}"\nsection: society\ntags: [클러스터]\n---\n\n한 시간 전에 출고된 기사.\n`,
  );
  // A camera original (4000×3000, 3.9 MB, GPS and serial in its EXIF): the lead and a body photo of one
  // article, and the only photo of the magazine piece (so the 매거진 box crops it).
  await writeCameraPhoto(path.join(contentDir, "images", "2008", "camera.jpg"));
  const addPhoto = (name: string, edit: (text: string) => string) => {
    const file = path.join(contentDir, "articles", name);
    fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
  };
  const figure = '\n![시험 사진: 사이언스 파크 전경](/images/2008/camera.jpg "시험 사진 설명 | 사진=충북일보 DB")\n';
  addPhoto(
    "ampersand-title.md",
    (text) =>
      text.replace(
        "\n---\n",
        '\nimage: { src: /images/2008/camera.jpg, alt: "시험 사진: 현장", caption: 시험 대표 사진, credit: 사진=충북일보 DB }\n---\n',
      ) + figure,
  );
  addPhoto("sports-note.md", (text) => text + figure);
  const distDir = ".next-test";
  const env = {
    SITE_URL: "https://news.example.kr",
    NAVER_SITE_VERIFICATION: "naver-fixture-proof",
    GOOGLE_SITE_VERIFICATION: "google-fixture-proof",
    INDEXNOW_KEY: "fixture-indexnow-key",
    DATABASE_URL: path.join(contentDir, "portal.db"),
    ADMIN_TOKEN,
    COMMENT_REPORT_THRESHOLD: "2",
    // Six articles are published; the two oldest are left to render on their first request.
    PRERENDER_ARTICLES: "4",
    IMAGE_CACHE_DIR: path.join(contentDir, ".image-cache"),
  };
  const build = buildSite(contentDir, distDir, env);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  server = await startServer(contentDir, distDir, env);
  project.provide("siteUrl", server.url);
  project.provide("siteContentDir", contentDir);
  project.provide("siteDistDir", distDir);
  project.provide("siteEnv", env);
  return async () => {
    await server?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  };
}
