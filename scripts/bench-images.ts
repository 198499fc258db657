// npm run bench:images — 20 camera originals (4000×3000, ~4.3 MB each): encode time per photo (all
// variants at build, one variant on a first request, and cached), and what a phone (390 px at 2x) and a
// desktop (1280 px) download, against serving the originals, for two pages: an article of 20 photos, and
// the Kanagawa feature led by one camera photo (the issue's editor case; a copy in a temporary folder).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readContent } from "@/lib/content";
import { photosOf } from "@/lib/content/photos-used";
import { ensureAllVariants, ensureVariant } from "@/lib/images/encode";
import { allVariants } from "@/lib/images/slots";
import { writeCameraPhoto } from "../tests/fixtures/camera-photo";
import { launchChromium } from "./lib/chromium";
import { buildSite, startServer } from "./lib/next-server";

const PHOTOS = 20;
const SLUG = "bench-photo-story";
/** The real feature, given a camera photo as its lead in the benchmark's copy of content/. */
const PHOTO_LED = "kanagawa-science-park";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-images-"));
  fs.cpSync(path.resolve("content"), contentDir, { recursive: true });
  const cacheDir = path.join(contentDir, ".image-cache");
  for (let n = 1; n <= PHOTOS; n++)
    await writeCameraPhoto(path.join(contentDir, "images", "bench", `photo-${n}.jpg`), { seed: 1000 + n });
  const body = Array.from(
    { length: PHOTOS - 1 },
    (_, i) =>
      `[벤치마크용] ${i + 2}번째 문단.\n\n![[벤치마크용] 사진 ${i + 2}](/images/bench/photo-${i + 2}.jpg "[벤치마크용] 사진 설명 | 사진=시험 촬영")\n`,
  ).join("\n");
  fs.writeFileSync(
    path.join(contentDir, "articles", `${SLUG}.md`),
    `---\ntitle: "[벤치마크용] 사진 20장 기사"\ndate: "2026-01-01 09:00:00"\nsection: society\nimage: { src: /images/bench/photo-1.jpg, alt: "[벤치마크용] 대표 사진", credit: 사진=시험 촬영 }\n---\n\n${body}`,
  );
  const feature = path.join(contentDir, "articles", `${PHOTO_LED}.md`);
  fs.writeFileSync(
    feature,
    fs
      .readFileSync(feature, "utf8")
      .replace(
        /^section: economy$/m,
        'section: economy\nimage: { src: /images/bench/photo-1.jpg, alt: "[벤치마크용] 대표 사진", credit: 사진=시험 촬영 }',
      ),
  );
  const photos = [...photosOf(readContent(contentDir)).values()];
  const originals = photos.reduce((sum, p) => sum + p.bytes, 0);

  // Encode: every variant of a photo (what the build does once per new photo), one on a first request, cached.
  const all: number[] = [];
  const one: number[] = [];
  const cached: number[] = [];
  const onDemandDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-on-demand-"));
  for (const photo of photos) {
    let started = performance.now();
    await ensureVariant(photo, { width: 720, format: "avif" }, onDemandDir);
    one.push(performance.now() - started);
    started = performance.now();
    await ensureAllVariants(photo, cacheDir);
    all.push(performance.now() - started);
    started = performance.now();
    await ensureAllVariants(photo, cacheDir);
    cached.push(performance.now() - started);
  }

  // What readers download, from a production build served by the portal's own server.
  const env = { IMAGE_CACHE_DIR: cacheDir, DATABASE_URL: path.join(contentDir, "portal.db") };
  const build = buildSite(contentDir, ".next-bench-images", env);
  if (build.status !== 0) throw new Error(build.output);
  const server = await startServer(contentDir, ".next-bench-images", env);
  const browser = await launchChromium();
  const rows: string[] = [];
  const breakdown: string[] = [];
  try {
    for (const [name, slug, viewport, scale] of [
      ["20 photos, phone 390 px @2x", SLUG, { width: 390, height: 844 }, 2],
      ["20 photos, desktop 1280 px", SLUG, { width: 1280, height: 800 }, 1],
      ["photo-led feature, phone 390 px @2x", PHOTO_LED, { width: 390, height: 844 }, 2],
      ["photo-led feature, desktop 1280 px", PHOTO_LED, { width: 1280, height: 800 }, 1],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
      const page = await context.newPage();
      const byType: Record<string, number> = {};
      const finished: Promise<void>[] = [];
      page.on("requestfinished", (request) =>
        finished.push(
          request.sizes().then((sizes) => {
            const type = request.resourceType();
            byType[type] = (byType[type] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
          }),
        ),
      );
      const response = await page.goto(`${server.url}/articles/${slug}`, { waitUntil: "networkidle" });
      if (response?.status() !== 200) throw new Error(`the benchmark article answered ${response?.status()}`);
      await Promise.all(finished);
      const firstView = { ...byType };
      // Read to the end, as a reader would: every lazy photo loads.
      for (let y = 0; y < (await page.evaluate(() => document.documentElement.scrollHeight)); y += viewport.height / 2) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(40);
      }
      await page.waitForLoadState("networkidle");
      await Promise.all(finished);
      const total = Object.values(byType).reduce((a, b) => a + b, 0);
      const pageOnly = total - (byType.image ?? 0);
      const firstTotal = Object.values(firstView).reduce((a, b) => a + b, 0);
      // The originals this page's photos would have been: all twenty, or the feature's lead.
      const pageOriginals = slug === SLUG ? originals : photos.find((p) => p.file.endsWith("photo-1.jpg"))!.bytes;
      breakdown.push(
        `| ${name} | ${Object.entries(firstView)
          .sort((a, b) => b[1] - a[1])
          .map(([type, bytes]) => `${type} ${kb(bytes)}`)
          .join(", ")} |`,
      );
      rows.push(
        `| ${name} | ${kb(firstTotal)} | ${kb(byType.image ?? 0)} | ${kb(pageOnly)} | ${kb(total)} | ${kb(pageOnly + pageOriginals)} | ${((pageOnly + pageOriginals) / total).toFixed(1)}x |`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  console.log(`\n${PHOTOS} camera originals, ${kb(originals)} in all (${kb(originals / PHOTOS)} each)\n`);
  console.log("| encode, per photo (median of 20) | ms |\n|---|---|");
  console.log(`| all ${allVariants({ width: 4000 }).length} variants (build, new photo) | ${median(all).toFixed(0)} |`);
  console.log(`| one variant, first request (720 AVIF) | ${median(one).toFixed(0)} |`);
  console.log(`| cached (rebuild, nothing new) | ${median(cached).toFixed(2)} |`);
  console.log(
    "\n| page, reader | first view (above the fold) | photos, read to the end | HTML+CSS+JS+fonts | page total | total if originals were served | ratio |\n|---|---|---|---|---|---|---|",
  );
  for (const row of rows) console.log(row);
  console.log("\n| page, reader | first view by kind (on the wire, headers included) |\n|---|---|");
  for (const row of breakdown) console.log(row);
  fs.rmSync(contentDir, { recursive: true, force: true });
  fs.rmSync(onDemandDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
