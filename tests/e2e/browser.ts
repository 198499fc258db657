// One Chromium per test file, with every page's console errors and dialogs recorded so tests can assert none.
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchChromium } from "../../scripts/lib/chromium";

export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

export type Watched = { page: Page; errors: string[]; dialogs: string[] };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A fresh browser context (no cookies, no storage) and page, watched for console errors and dialogs. */
export async function openPage(
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
  javaScriptEnabled = true,
  deviceScaleFactor = 1,
): Promise<Watched & { context: BrowserContext }> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor,
    baseURL: inject("e2eUrl"),
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    javaScriptEnabled,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { context, page, errors, dialogs };
}

/** Saves a full-page PNG under test-results/screenshots/ (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * Scrolls through the page as a reader would, so lazy images (banners, thumbnails below the fold) load, waits
 * for every image to finish, and returns the addresses of those that failed to load.
 */
export async function brokenImagesAfterScrolling(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete), undefined, { timeout: 10_000 });
  return page.evaluate(() =>
    Array.from(document.images)
      .filter((image) => image.naturalWidth === 0)
      .map((image) => image.currentSrc || image.src),
  );
}
