// A camera original (3.9 MB) as a phone and a desktop load it: each picks one candidate of the size it
// needs, in AVIF, and shows the photo with its caption and credit.
import { expect, it } from "vitest";
import { brokenImagesAfterScrolling, openPage, screenshot, VIEWPORTS } from "./browser";

const ARTICLE = "/articles/listing-fixture-21";

it.each([
  // 390 px phone at 2x: the column is 358 px, so 716 device pixels: the 720 candidate.
  ["phone", VIEWPORTS.phone, 2, 720],
  // 1280 px desktop at 1x: the column is 816 px: the 960 candidate.
  ["desktop", VIEWPORTS.desktop, 1, 960],
] as const)(
  "a %s loads only the candidate it needs, in AVIF, and shows caption and credit",
  async (name, viewport, scale, width) => {
    const { page, context, errors } = await openPage(viewport, true, scale);
    const images: { url: string; type: string; bytes: number }[] = [];
    page.on("response", async (response) => {
      if (!new URL(response.url()).pathname.startsWith("/img/")) return;
      images.push({
        url: new URL(response.url()).pathname,
        type: response.headers()["content-type"] ?? "",
        bytes: (await response.body()).length,
      });
    });
    await page.goto(ARTICLE);
    expect(await brokenImagesAfterScrolling(page)).toEqual([]);
    await page.waitForLoadState("networkidle");
    // The lead and the body figure are the same photo at the same size: one download serves both.
    expect(images.map((i) => i.url.replace(/^\/img\/[0-9a-f]{20}-/, ""))).toEqual([`${width}.avif`]);
    expect(images[0]!.type).toBe("image/avif");
    const total = images.reduce((sum, i) => sum + i.bytes, 0);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    console.log(`${name}: ${images.length} photo download(s), ${(total / 1024).toFixed(1)} KB (original 3.9 MB)`);
    const lead = page.locator("main article figure").first();
    // The candidate the browser chose and shows (naturalWidth is density-corrected, so read the address).
    const shown = await lead
      .locator("img")
      .evaluate((img: HTMLImageElement) => ({ src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0 }));
    expect(shown.loaded).toBe(true);
    expect(shown.src).toMatch(new RegExp(`-${width}\\.avif$`));
    expect(await lead.locator("figcaption").innerText()).toBe("[시험용] 대표 사진 설명 사진=시험 촬영");
    expect(await page.locator(".article-body figcaption").innerText()).toBe("[시험용] 본문 사진 설명 사진=시험 촬영");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `photo-article-${name}`);
    expect(errors).toEqual([]);
    await context.close();
  },
);
