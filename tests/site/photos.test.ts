// A camera original in the built site (tests/site/global-setup.ts adds it): readers get right-sized,
// metadata-free variants in every slot, and nobody gets the original.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, inject, it } from "vitest";
import { metadataTags } from "../fixtures/camera-photo";
import { fetchPage } from "./fetch-page";

const SITE = "https://news.example.kr";

async function page(pathname: string): Promise<Document> {
  const { status, html } = await fetchPage(pathname);
  expect(status, pathname).toBe(200);
  return new JSDOM(html).window.document;
}

const candidates = (srcset: string | null) => (srcset ?? "").split(", ").map((c) => c.split(" ")[0]!);

describe("photos on the page", () => {
  it("the lead is the page's first, eager, high-priority image, with its caption and credit", async () => {
    const doc = await page("/articles/ampersand-title");
    const lead = doc.querySelector("main article figure picture img")!;
    expect(lead.getAttribute("fetchpriority")).toBe("high");
    expect(lead.getAttribute("loading")).toBe("eager");
    expect([lead.getAttribute("width"), lead.getAttribute("height")]).toEqual(["4000", "3000"]);
    expect(candidates(lead.getAttribute("srcset")).length).toBeGreaterThanOrEqual(3);
    expect(lead.closest("figure")!.querySelector("figcaption")!.textContent).toBe("시험 대표 사진 사진=충북일보 DB");
    const body = doc.querySelectorAll(".article-body figure picture img");
    expect(body).toHaveLength(1);
    expect(body[0]!.getAttribute("loading")).toBe("lazy");
    expect(Array.from(doc.querySelectorAll(".article-body figure picture source"), (s) => s.getAttribute("type"))).toEqual([
      "image/avif",
      "image/webp",
    ]);
  });

  it("og:image is the photo's 1200×630 crop, with its size and alt", async () => {
    const doc = await page("/articles/ampersand-title");
    const meta = (key: string) => doc.querySelector(`meta[property="${key}"]`)?.getAttribute("content");
    expect(meta("og:image")).toMatch(new RegExp(`^${SITE}/img/[0-9a-f]{20}-1200x630\\.jpg$`));
    expect([meta("og:image:width"), meta("og:image:height")]).toEqual(["1200", "630"]);
    expect(meta("og:image:alt")).toBe("시험 사진: 현장");
  });

  it("the 매거진 box crops an article's only body photo to 308×171 (616×342 at 2x); lists show 3:2 thumbnails", async () => {
    const home = await page("/");
    const magazine = home.querySelector('[aria-labelledby="magazine-box"] picture img')!;
    expect(magazine.getAttribute("src")).toMatch(/-308x171\.jpg$/);
    expect(magazine.getAttribute("srcset")).toMatch(/-616x342\.jpg 2x/);
    const listing = await page("/sections/culture");
    expect(listing.querySelector("main li picture img")?.getAttribute("src")).toMatch(/-144x96\.jpg$/);
  });
});

describe("variants over HTTP", () => {
  it("are served as immutable, in their own format, and carry no GPS, serial or model", async () => {
    const doc = await page("/articles/ampersand-title");
    const avif = candidates(doc.querySelector(".article-body picture source[type='image/avif']")!.getAttribute("srcset"))[2]!;
    const response = await fetch(inject("siteUrl") + avif);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/avif");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "served-")), "variant.avif");
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const tags = Object.keys(metadataTags([file])[0]!);
    expect(tags.filter((t) => /GPS|Serial|Model|Make|ExifIFD|IFD0/.test(t))).toEqual([]);
  });

  it("Next's own image optimizer does not answer: nothing resizes a URL a visitor chooses", async () => {
    for (const url of ["/og-default.png", "/logo.png", "/images/2008/camera.jpg"]) {
      const response = await fetch(`${inject("siteUrl")}/_next/image?url=${encodeURIComponent(url)}&w=640&q=75`);
      expect(response.status, url).toBe(404);
    }
  });

  it("the original is not served", async () => {
    expect((await fetch(inject("siteUrl") + "/images/2008/camera.jpg")).status).toBe(404);
  });

  it("a variant missing from the cache is made again on request; unknown photos and sizes are 404", async () => {
    const doc = await page("/articles/ampersand-title");
    const src = doc.querySelector(".article-body picture img")!.getAttribute("src")!;
    const cached = path.join(inject("siteEnv").IMAGE_CACHE_DIR!, path.basename(src));
    fs.rmSync(cached);
    const again = await fetch(inject("siteUrl") + src);
    expect(again.status).toBe(200);
    expect(fs.existsSync(cached)).toBe(true);
    const hash = path.basename(src).slice(0, 20);
    for (const wrong of [
      `/img/${hash}-999.jpg`,
      `/img/${hash}-720.gif`,
      `/img/${"0".repeat(20)}-720.jpg`,
      "/img/../package.json",
    ]) {
      expect((await fetch(inject("siteUrl") + wrong)).status, wrong).toBe(404);
    }
  });
});
