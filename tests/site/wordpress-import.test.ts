// A WordPress archive brought in and published, as a paper moving over would do it: WordPress's own test
// exports and a Korean paper's export imported with `npm run content:import` into the fixture site, built
// and served. Every old permalink answers 308 to its new page, the comments appear under their article,
// and the validators CI runs on the site's own pages (the Nu Html Checker, axe-core at phone and desktop
// widths) find nothing on any imported page.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { loadContent } from "@/lib/content";
import { launchChromium } from "../../scripts/lib/chromium";
import { buildSite, startServer, type RunningServer } from "../../scripts/lib/next-server";
import { wxrExport } from "../../scripts/lib/wxr-export";
import { AUTHORS, KOREAN_SITE, koreanPosts, writeKoreanUploads } from "../fixtures/korean-wxr";

const require = createRequire(import.meta.url);
const slot = ".next-test-wordpress";
const content = fs.mkdtempSync(path.join(os.tmpdir(), "portal-wordpress-"));
const env = { ...inject("siteEnv"), DATABASE_URL: path.join(content, "portal.db") };
let server: RunningServer | undefined;
let uploads: string | undefined;

function contentImport(file: string, extra: string[] = []) {
  const result = spawnSync("npm", ["run", "--silent", "content:import", "--", "--from", "wordpress", file, ...extra], {
    env: { ...process.env, ...env, CONTENT_DIR: content },
    encoding: "utf8",
  });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  fs.cpSync(path.resolve("tests/site/fixture-content"), content, { recursive: true });
  fs.mkdirSync(path.join(content, "imports"), { recursive: true });
  fs.copyFileSync(path.resolve("content/imports/wordpress-sections.yaml"), path.join(content, "imports/wordpress-sections.yaml"));
  uploads = await writeKoreanUploads();
  const korean = path.join(content, "korean-export.xml");
  fs.writeFileSync(korean, wxrExport(KOREAN_SITE, AUTHORS, koreanPosts()));
  contentImport(korean, ["--uploads", uploads]);
  for (const name of ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"])
    contentImport(path.resolve("../shared/wordpress", name));
  const build = buildSite(content, slot, env);
  expect(build.status, build.output).toBe(0);
  server = await startServer(content, slot, env);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  for (const dir of [slot, `${slot}-builds`, `${slot}-staging`]) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(content, { recursive: true, force: true });
  if (uploads) fs.rmSync(uploads, { recursive: true, force: true });
});

const imported = () => loadContent(content).articles.filter((a) => a.aliases.some((alias) => alias.startsWith("/?p=")));

it("answers every old permalink with a 308 to its new page, as the old site linked to it", async () => {
  const published = imported().filter((a) => !a.draft && Date.parse(a.date) <= Date.now());
  expect(published.length).toBeGreaterThan(100);
  let reader = 0;
  for (const article of published) {
    for (const alias of article.aliases) {
      const sent = alias.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
      // Each from a reader of its own: one client's requests past the caches are limited (20 a second).
      reader++;
      const response = await fetch(server!.url + sent, {
        redirect: "manual",
        headers: { "X-Forwarded-For": `10.9.${reader >> 8}.${reader & 255}` },
      });
      expect({ sent, status: response.status, location: response.headers.get("location") }).toEqual({
        sent,
        status: 308,
        location: `/articles/${article.slug}`,
      });
    }
  }
}, 120_000);

it("shows the imported comments under their article, the reply under its comment", async () => {
  const html = await (await fetch(`${server!.url}/articles/chungbuk-osong-baio-keulleoseuteo`)).text();
  expect(html).toContain("충북 오송, 바이오 클러스터로");
  expect(html).toContain("좋은 기사입니다.");
  expect(html).toContain("동의합니다.");
  expect(html.indexOf("좋은 기사입니다.")).toBeLessThan(html.indexOf("동의합니다."));
});

it("the Nu Html Checker finds no error on any imported page", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vnu-wordpress-"));
  const files = new Map<string, string>();
  for (const article of imported().filter((a) => !a.draft && Date.parse(a.date) <= Date.now())) {
    const file = path.join(dir, `${article.slug}.html`);
    const response = await fetch(`${server!.url}/articles/${article.slug}`, {
      headers: { "X-Forwarded-For": `10.8.${files.size >> 8}.${files.size & 255}` },
    });
    expect(response.status).toBe(200);
    fs.writeFileSync(file, await response.text());
    files.set(file, article.slug);
  }
  const jar = path.join(path.dirname(require.resolve("vnu-jar")), "build/dist/vnu.jar");
  const result = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files.keys()], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  expect(result.error).toBeUndefined();
  const messages = (
    JSON.parse(result.stderr || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] }
  ).messages;
  expect(
    messages.map((m) => `${files.get(decodeURIComponent(new URL(m.url).pathname))}: line ${m.lastLine}: ${m.message}`),
  ).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
}, 180_000);

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

it("axe-core finds no WCAG 2.2 AA or best-practice violation on any imported page, at phone and desktop widths", async () => {
  const browser = await launchChromium();
  const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const found: string[] = [];
  try {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const context = await browser.newContext({ viewport, locale: "ko-KR", timezoneId: "Asia/Seoul" });
      const page = await context.newPage();
      let reader = 0;
      for (const article of imported().filter((a) => !a.draft && Date.parse(a.date) <= Date.now())) {
        await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.7.${++reader >> 8}.${reader & 255}` });
        await page.goto(`${server!.url}/articles/${article.slug}`);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async (tags) => {
          const api = (
            window as unknown as {
              axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
            }
          ).axe;
          const result = await api.run({ runOnly: { type: "tag", values: tags } });
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }, AXE_TAGS);
        for (const violation of violations) found.push(`${article.slug} at ${viewport.width}: ${violation}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  expect(found.join("\n")).toBe("");
}, 600_000);
