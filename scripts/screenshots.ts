// npm run screenshots — saves phone (390×844) and desktop (1280×800) PNGs of the main pages to test-results/.
import fs from "node:fs";
import { launchChromium } from "./lib/chromium";

const base = process.env.BASE_URL || "http://127.0.0.1:3000";
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/articles/kanagawa-science-park"];
const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

async function main() {
  const browser = await launchChromium();
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  for (const [name, viewport] of Object.entries(viewports)) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    for (const pathname of pages) {
      await page.goto(base + pathname, { waitUntil: "networkidle" });
      const file = `test-results/screenshots/${name}${pathname.replace(/[^a-z0-9]+/gi, "_")}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await page.close();
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
