// Validators nobody here wrote, on every page kind: the Nu Html Checker (vnu.jar, on saved HTML: it refuses
// to fetch from 127.0.0.1), axe-core (WCAG 2.2 A/AA plus best practices) at phone and desktop widths, and
// each page with JavaScript off. Zero errors allowed; a failure names the page and the rule.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { paths } from "@/lib/urls";
import { openPage, VIEWPORTS } from "./browser";

const require = createRequire(import.meta.url);

const PAGES: [string, string][] = [
  ["home", "/"],
  ["article", paths.article("kanagawa-science-park")],
  ["column", paths.article("ins-social-network-column")],
  ["interview", paths.article("yoon-hyun-woo-sports-council-interview")],
  // A camera photo as the lead and in the body (tests/e2e/global-setup.ts): <picture>, <figure>, srcset.
  ["article with photos", paths.article("listing-fixture-21")],
  ["section", paths.section("economy")],
  ["listing page 2", paths.section("culture", 2)],
  ["tag", paths.tag("가와사키")],
  ["series", paths.series("혁신클러스터가 지역의 미래를 이끈다")],
  ["author", paths.author("권성욱")],
  ["search", `/search?q=${encodeURIComponent("오창")}`],
  ["advertise", "/advertise"],
  ["404 article", "/articles/no-such-article"],
  ["404 section", "/sections/weather"],
  ["404 past the last page", paths.section("culture", 3)],
  ["404 route", "/no/such/route"],
];

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

it("the Nu Html Checker finds no error on any page kind", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vnu-"));
  const files = new Map<string, string>();
  for (const [name, pathname] of PAGES) {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.html`);
    fs.writeFileSync(file, await (await fetch(inject("e2eUrl") + pathname)).text());
    files.set(file, name);
  }
  const jar = path.join(path.dirname(require.resolve("vnu-jar")), "build/dist/vnu.jar");
  const result = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files.keys()], { encoding: "utf8" });
  expect(result.error).toBeUndefined();
  const messages = (
    JSON.parse(result.stderr || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] }
  ).messages;
  const named = messages.map(
    (m) => `${files.get(decodeURIComponent(new URL(m.url).pathname))}: line ${m.lastLine}: ${m.message}`,
  );
  expect(named).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe.each(Object.entries(VIEWPORTS))("axe-core at %s width", (viewportName, viewport) => {
  it.each(PAGES)("%s has no WCAG 2.2 AA or best-practice violation", async (name, pathname) => {
    const { page, context } = await openPage(viewport);
    await page.goto(pathname);
    await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await page.evaluate(async (tags) => {
      const axe = (
        window as unknown as {
          axe: { run: (o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe;
      const result = await axe.run({ runOnly: { type: "tag", values: tags } });
      return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }, AXE_TAGS);
    expect(violations, `${name} at ${viewportName}`).toEqual([]);
    await context.close();
  });
});

it.each(PAGES)("%s reads without JavaScript: title, lang and visible Korean text", async (name, pathname) => {
  const { page, context } = await openPage(VIEWPORTS.phone, false);
  await page.goto(pathname);
  expect(await page.title(), name).toMatch(/충북일보/);
  expect(await page.getAttribute("html", "lang"), name).toBe("ko");
  expect(await page.locator("main").innerText(), name).toMatch(/[가-힣]{2,}/);
  await context.close();
});
