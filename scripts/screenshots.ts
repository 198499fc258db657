// npm run screenshots — saves phone (390×844) and desktop (1280×800) PNGs of the reader's pages, with JavaScript
// on and off, to test-results/screenshots/ (or SCREENSHOT_DIR). Page paths as arguments (default: every kind of
// reader page). `npm run screenshots:compare -- BEFORE AFTER` then says which pictures changed: the check that a
// change to markup or CSS (issue 32's lighter pages) leaves what readers see as it was.
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./lib/chromium";

const base = process.env.BASE_URL || "http://127.0.0.1:3000";
const out = process.env.SCREENSHOT_DIR || "test-results/screenshots";
const READER_PAGES = [
  "/",
  "/articles/kanagawa-science-park",
  "/articles/ins-social-network-column",
  "/articles/yoon-hyun-woo-sports-council-interview",
  "/sections/economy",
  "/tags/kast",
  "/series/%ED%98%81%EC%8B%A0%ED%81%B4%EB%9F%AC%EC%8A%A4%ED%84%B0%EA%B0%80-%EC%A7%80%EC%97%AD%EC%9D%98-%EB%AF%B8%EB%9E%98%EB%A5%BC-%EC%9D%B4%EB%81%88%EB%8B%A4",
  "/search?q=%EA%B0%80%EB%82%98%EA%B0%80%EC%99%80",
  "/search?q=zzzz",
  "/advertise",
  "/no-such-page",
];
const pages = process.argv.slice(2).length ? process.argv.slice(2) : READER_PAGES;
const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

/** A file name for a page: the path's letters and digits, the Korean ones kept readable. */
function fileName(viewport: string, script: string, pathname: string): string {
  const readable = decodeURIComponent(pathname)
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .slice(0, 60);
  return path.join(out, `${viewport}-${script}${readable}.png`);
}

async function main() {
  const browser = await launchChromium();
  fs.mkdirSync(out, { recursive: true });
  for (const [name, viewport] of Object.entries(viewports)) {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, javaScriptEnabled });
      const page = await context.newPage();
      for (const pathname of pages) {
        await page.goto(base + pathname, { waitUntil: "networkidle" });
        const file = fileName(name, javaScriptEnabled ? "js" : "nojs", pathname);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
