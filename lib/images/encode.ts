// Photo variants with sharp: upright (EXIF orientation applied), every piece of metadata dropped (GPS,
// camera serial, maker notes), resized or cropped for one slot, in AVIF, WebP or JPEG. Only JPEG, PNG and
// WebP originals are decoded (never SVG, AVIF or HEIF: the optimizer RCE of 2026 was in AVIF decoding),
// and never one over 60 megapixels.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { MAX_PHOTO_PIXELS, type Photo } from "@/lib/images/photos";
import { allVariants, variantName, type Variant } from "@/lib/images/slots";

const INPUT_FORMATS = new Set(["jpeg", "png", "webp"]);

function open(input: Buffer) {
  return sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "truncated" });
}

/** Refuses any input that is not a JPEG, PNG or WebP, before a decoder for anything else is reached. */
async function checkedInput(file: string): Promise<Buffer> {
  const input = await fs.promises.readFile(file);
  const { format } = await open(input).metadata();
  if (!format || !INPUT_FORMATS.has(format)) throw new Error(`${file}: ${format ?? "unknown"} originals are not decoded`);
  return input;
}

/** A decoded, upright original, at most 2048 px wide: every variant of a photo is cut from one decode. */
export type Upright = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

/** Decodes once for many variants: 2048 px is above the largest variant (1632), so nothing is lost. */
export async function decodeUpright(input: Buffer): Promise<Upright> {
  const { data, info } = await open(input)
    .rotate()
    .resize({ width: 2048, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

/** One variant's bytes. sharp writes no metadata unless asked (keepMetadata/withMetadata are never used). */
export async function encodeVariant(input: Buffer | Upright, variant: Variant): Promise<Buffer> {
  let image = Buffer.isBuffer(input) ? open(input).rotate() : sharp(input.data, { raw: input.info });
  image = variant.height
    ? image.resize({ width: variant.width, height: variant.height, fit: "cover", position: "attention" })
    : image.resize({ width: variant.width, withoutEnlargement: true });
  // Effort 1, not sharp's default 4: measured on a 4000×3000 original resized to 960 px, 4 took 4.7 s for a
  // file no smaller (99 KB against 92 KB) than 1 did in 0.14 s; at 4, twenty photos would hold a build for minutes.
  if (variant.format === "avif") return image.avif({ quality: 50, effort: 1 }).toBuffer();
  if (variant.format === "webp") return image.webp({ quality: 74, effort: 4 }).toBuffer();
  // JPEG has no transparency: a PNG's clear parts become the page's white, not libvips' default black.
  return image.flatten({ background: "#ffffff" }).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}

/** Writes a file so that a reader (another instance, nginx) never sees half of it. */
async function writeAtomically(file: string, data: Buffer | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.promises.writeFile(temporary, data);
  await fs.promises.rename(temporary, file);
}

/** Makes the variant into `cacheDir` unless it is there; returns its path. */
export async function ensureVariant(
  photo: Pick<Photo, "file" | "hash">,
  variant: Variant,
  cacheDir: string,
  input?: Buffer | Upright,
): Promise<string> {
  const file = path.join(cacheDir, variantName(photo.hash, variant));
  if (fs.existsSync(file)) return file;
  await fs.promises.mkdir(cacheDir, { recursive: true });
  await writeAtomically(file, await encodeVariant(input ?? (await checkedInput(photo.file)), variant));
  return file;
}

/**
 * Every variant of a photo and its placeholder colour, made once per content hash: a rebuild re-encodes only
 * photos that are new or changed. Returns how many variants were made.
 */
export async function ensureAllVariants(photo: Photo, cacheDir: string): Promise<number> {
  const missing = allVariants(photo).filter((v) => !fs.existsSync(path.join(cacheDir, variantName(photo.hash, v))));
  const colorFile = path.join(cacheDir, `${photo.hash}.json`);
  if (missing.length === 0 && fs.existsSync(colorFile)) return 0;
  const input = await checkedInput(photo.file);
  const upright = await decodeUpright(input);
  for (const variant of missing) await ensureVariant(photo, variant, cacheDir, upright);
  if (!fs.existsSync(colorFile)) {
    const { dominant } = await sharp(upright.data, { raw: upright.info }).stats();
    const hex = (n: number) => n.toString(16).padStart(2, "0");
    await writeAtomically(colorFile, JSON.stringify({ color: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}` }));
  }
  return missing.length;
}
