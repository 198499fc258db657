// An editor's camera photo: read with the content, checked for what can go wrong, and turned into variants
// that carry no metadata, for every slot the site shows photos in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { readContent } from "@/lib/content";
import { ContentError } from "@/lib/content/problems";
import { photosOf } from "@/lib/content/photos-used";
import { ensureAllVariants, ensureVariant } from "@/lib/images/encode";
import { allVariants, variantName } from "@/lib/images/slots";
import { metadataTags, writeCameraPhoto } from "../fixtures/camera-photo";
import { article, writeContent } from "./fixtures/write-content";

const originals = fs.mkdtempSync(path.join(os.tmpdir(), "originals-"));
const camera = path.join(originals, "camera.jpg");
const turned = path.join(originals, "turned.jpg");
const small = path.join(originals, "small.jpg");

beforeAll(async () => {
  await writeCameraPhoto(camera);
  await writeCameraPhoto(turned, { width: 1600, height: 1200, orientation: 6 });
  await writeCameraPhoto(small, { width: 800, height: 600 });
}, 60_000);

/** A content folder whose content/images/ holds `images` (name → bytes). */
function contentWith(files: Record<string, string>, images: Record<string, Buffer>): string {
  const dir = writeContent(files);
  for (const [name, bytes] of Object.entries(images)) {
    fs.mkdirSync(path.dirname(path.join(dir, "images", name)), { recursive: true });
    fs.writeFileSync(path.join(dir, "images", name), bytes);
  }
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    readContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.message.split("\n").slice(1);
    throw error;
  }
  throw new Error("expected problems");
}

describe("a camera photo in an article", () => {
  it("becomes a <picture> with AVIF and WebP sources, several sizes, its size, caption and credit", () => {
    const dir = contentWith(
      { "articles/photo.md": article({}, '본문.\n\n![가나가와 사이언스 파크 전경](/images/2008/camera.jpg "사이언스 파크 전경 | 사진=충북일보 DB")\n') },
      { "2008/camera.jpg": fs.readFileSync(camera) },
    );
    const [photoArticle] = readContent(dir).articles;
    const doc = new JSDOM(photoArticle!.html).window.document;
    const sources = Array.from(doc.querySelectorAll("figure picture source"));
    expect(sources.map((s) => s.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    for (const source of sources) expect(source.getAttribute("srcset")!.split(", ").length).toBeGreaterThanOrEqual(3);
    const img = doc.querySelector("figure picture img")!;
    expect(img.getAttribute("alt")).toBe("가나가와 사이언스 파크 전경");
    // The alt text is the <img>'s: <picture> takes no attributes of its own (HTML's content model).
    expect(doc.querySelector("figure picture")!.getAttributeNames()).toEqual([]);
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["4000", "3000"]);
    expect(img.getAttribute("src")).toMatch(/^\/img\/[0-9a-f]{20}-1632\.jpg$/);
    expect(img.getAttribute("sizes")).toContain("816px");
    expect(img.getAttribute("loading")).toBe("lazy");
    expect(doc.querySelector("figcaption")!.textContent).toBe("사이언스 파크 전경 사진=충북일보 DB");
    expect(doc.querySelector("figcaption .credit")!.textContent).toBe("사진=충북일보 DB");
    expect(photoArticle!.html).not.toContain("/images/2008/camera.jpg");
  });

  it("is as tall as it shows when its EXIF turns it (orientation 6)", () => {
    const dir = contentWith({ "articles/turned.md": article({}, "![세로 사진](/images/turned.jpg)\n") }, { "turned.jpg": fs.readFileSync(turned) });
    expect(readContent(dir).articles[0]!.images[0]).toMatchObject({ width: 1200, height: 1600 });
  });

  it("as the lead, takes its size from the file and is refused under 1,200 px wide", () => {
    const lead = (src: string) => article({ image: `\n  src: ${src}\n  alt: 현장 사진\n  credit: 사진=충북일보 DB` });
    const dir = contentWith({ "articles/lead.md": lead("/images/camera.jpg") }, { "camera.jpg": fs.readFileSync(camera) });
    expect(readContent(dir).articles[0]!.image).toMatchObject({ width: 4000, height: 3000, credit: "사진=충북일보 DB" });
    const tooSmall = contentWith({ "articles/lead.md": lead("/images/small.jpg") }, { "small.jpg": fs.readFileSync(small) });
    expect(problemsOf(tooSmall)).toContainEqual(expect.stringMatching(/articles\/lead\.md:6: field "image\.src" photo is 800 px wide\. A lead photo/));
  });
});

describe("a photo an editor got wrong is named, with the fix", () => {
  it.each([
    ["missing", {}, /does not exist as content\/images\/gone\.jpg\. Put original photos under content\/images\//],
    ["truncated", { "gone.jpg": () => fs.readFileSync(camera).subarray(0, 500_000) }, /is truncated or damaged/],
    ["a GIF named .jpg", { "gone.jpg": () => Buffer.from("R0lGODlhAQABAAAAACw=", "base64") }, /is not a JPEG, PNG or WebP photo we can read \(gif\)/],
    ["an SVG named .jpg", { "gone.jpg": () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>') }, /is not a JPEG, PNG or WebP photo/],
  ] as const)("%s", (_kind, images, message) => {
    const bytes = Object.fromEntries(Object.entries(images).map(([name, make]) => [name, make()]));
    const dir = contentWith({ "articles/bad.md": article({}, "본문.\n\n![사진](/images/gone.jpg)\n") }, bytes);
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(new RegExp(`articles/bad\\.md:9: field "body" image: "/images/gone\\.jpg" ${message.source}`)));
  });
});

describe("variants", () => {
  let cacheDir: string;
  let hash: string;

  beforeAll(async () => {
    const dir = contentWith({ "articles/photo.md": article({}, "![사진](/images/camera.jpg)\n\n![세로](/images/turned.jpg)\n") }, {
      "camera.jpg": fs.readFileSync(camera),
      "turned.jpg": fs.readFileSync(turned),
    });
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "variants-"));
    const photos = [...photosOf(readContent(dir)).values()];
    for (const photo of photos) await ensureAllVariants(photo, cacheDir);
    hash = photos.find((p) => p.width === 4000)!.hash;
  }, 120_000);

  it("are all made, once: a second run over the same photos makes none", async () => {
    expect(fs.readdirSync(cacheDir).filter((f) => f.startsWith(hash))).toHaveLength(allVariants({ width: 4000 }).length + 1);
    const photo = { file: camera, hash, width: 4000, height: 3000, bytes: 0 };
    expect(await ensureAllVariants(photo, cacheDir)).toBe(0);
  });

  it("carry no GPS position, camera serial, model or any EXIF, in every format", () => {
    const names = fs.readdirSync(cacheDir).filter((f) => /\.(jpg|webp|avif)$/.test(f));
    const found = metadataTags(names.map((name) => path.join(cacheDir, name)));
    expect(found).toHaveLength(names.length);
    for (const tags of found) {
      const kept = Object.keys(tags).filter((t) => /^(GPS|ExifIFD|IFD0|IFD1|XMP|IPTC|MakerNotes|Composite:GPS)/.test(t));
      expect(kept, String(tags.SourceFile)).toEqual([]);
    }
    // The check can fail: the original has them.
    expect(Object.keys(metadataTags([camera])[0]!)).toContain("GPS:GPSLatitude");
  });

  it("fit their slot: the 매거진 crop is 308×171 and 616×342, the share image 1200×630, a turned photo stays upright", async () => {
    const size = async (name: string) => {
      const { width, height } = await sharp(path.join(cacheDir, name)).metadata();
      return [width, height];
    };
    expect(await size(variantName(hash, { width: 308, height: 171, format: "jpeg" }))).toEqual([308, 171]);
    expect(await size(variantName(hash, { width: 616, height: 342, format: "avif" }))).toEqual([616, 342]);
    expect(await size(variantName(hash, { width: 1200, height: 630, format: "jpeg" }))).toEqual([1200, 630]);
    const turnedHash = fs.readdirSync(cacheDir).find((f) => f.endsWith("-720.jpg") && !f.startsWith(hash))!.slice(0, 20);
    expect(await size(variantName(turnedHash, { width: 720, format: "jpeg" }))).toEqual([720, 960]);
  });

  it("give a 390-px phone at 2x (the 720 candidate) at most 150 KB, against 3.9 MB for the original", () => {
    for (const format of ["avif", "webp", "jpeg"] as const) {
      const bytes = fs.statSync(path.join(cacheDir, variantName(hash, { width: 720, format }))).size;
      expect(bytes, format).toBeLessThanOrEqual(150 * 1024);
    }
    expect(fs.statSync(camera).size).toBeGreaterThan(3_000_000);
  });

  it("put a transparent PNG's clear parts on white in JPEG, and keep them clear in WebP", async () => {
    const png = path.join(originals, "cut-out.png");
    await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toFile(png);
    const photo = { file: png, hash: "d".repeat(20) };
    const pixel = async (file: string) => [...(await sharp(file).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer())];
    expect(await pixel(await ensureVariant(photo, { width: 360, format: "jpeg" }, cacheDir))).toEqual([255, 255, 255]);
    expect((await pixel(await ensureVariant(photo, { width: 360, format: "webp" }, cacheDir)))[3]).toBe(0);
  });

  it("are never made from an SVG, AVIF or HEIF original, whatever its name", async () => {
    const svg = path.join(originals, "vector.jpg");
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><rect width="9" height="9"/></svg>');
    await expect(ensureVariant({ file: svg, hash: "f".repeat(20) }, { width: 360, format: "jpeg" }, cacheDir)).rejects.toThrow(/svg originals are not decoded/);
    const avif = path.join(originals, "modern.jpg");
    fs.writeFileSync(avif, await sharp(fs.readFileSync(small)).avif().toBuffer());
    await expect(ensureVariant({ file: avif, hash: "e".repeat(20) }, { width: 360, format: "jpeg" }, cacheDir)).rejects.toThrow(/heif originals are not decoded/);
  });
});
