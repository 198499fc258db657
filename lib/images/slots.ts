// Where photos appear and at which sizes: pure rules shared by the pages, the build's encoder and /img/.
// A variant's name says everything needed to make it again (source hash, size, format), so any instance
// can produce the same bytes, and a name never changes meaning: it is cached for a year as immutable.

/** Formats every variant comes in, best first; browsers take the first they support, JPEG is the fallback. */
export const FORMATS = ["avif", "webp", "jpeg"] as const;
export type ImageFormat = (typeof FORMATS)[number];
export const EXTENSION: Record<ImageFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };
export const MIME: Record<ImageFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

/** A photo as the pages know it: its content hash (names its variants) and its upright size. */
export type PhotoRef = { hash: string; width: number; height: number; color?: string };

/**
 * Widths a photo is resized to, keeping its shape. The article column is 816 px at most (75rem site,
 * 20rem sidebar) and a phone's 358 px; these cover 1x to 2x of both without a candidate far above need.
 */
export const WIDTHS = [360, 480, 720, 960, 1280, 1632] as const;

/** Crops: fixed boxes filled from the photo's centre of interest. */
export const CROPS = {
  /** 매거진 in 충북: the source page's 308×171 thumbnail, and 2x. */
  magazine: [
    [308, 171],
    [616, 342],
  ],
  /** Listing and home thumbnails (3:2), 1x and 2x. */
  thumbnail: [
    [144, 96],
    [288, 192],
  ],
  /** og:image: the size Facebook, Kakao and Naver show as a large preview. */
  share: [[1200, 630]],
} as const satisfies Record<string, readonly (readonly [number, number])[]>;
export type CropSlot = keyof typeof CROPS;

/** `sizes` of an image in the article column: full width less padding on phones, the column beside the sidebar from lg. */
export const ARTICLE_SIZES = "(min-width: 1232px) 816px, (min-width: 1024px) calc(100vw - 384px), calc(100vw - 32px)";

export type Variant = { width: number; height?: number; format: ImageFormat };

export function variantName(hash: string, variant: Variant): string {
  const size = variant.height ? `${variant.width}x${variant.height}` : `${variant.width}`;
  return `${hash}-${size}.${EXTENSION[variant.format]}`;
}

export const variantPath = (hash: string, variant: Variant) => `/img/${variantName(hash, variant)}`;

const NAME = /^([0-9a-f]{20})-(\d{2,4})(?:x(\d{2,4}))?\.(avif|webp|jpg)$/;

/** The variant a name asks for, if it is one this site makes (any other size is refused: no resizing on demand). */
export function parseVariantName(name: string): ({ hash: string } & Variant) | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, hash, w, h, ext] = match;
  const format = FORMATS.find((f) => EXTENSION[f] === ext)!;
  const width = Number(w);
  const height = h === undefined ? undefined : Number(h);
  const known =
    height === undefined
      ? (WIDTHS as readonly number[]).includes(width)
      : Object.values(CROPS).some((sizes) => sizes.some(([cw, ch]) => cw === width && ch === height));
  return known ? { hash: hash!, width, height, format } : undefined;
}

/** Widths worth making for a photo: those below its own width, and its own width when it is smaller than the next step. */
export function widthsFor(photo: Pick<PhotoRef, "width">): number[] {
  const below = WIDTHS.filter((w) => w <= photo.width);
  return below.length ? below : [WIDTHS[0]];
}

/** Every variant the site shows of a photo, for the build to make ahead. */
export function allVariants(photo: Pick<PhotoRef, "width">): Variant[] {
  const resized = widthsFor(photo).flatMap((width) => FORMATS.map((format) => ({ width, format })));
  const cropped = Object.values(CROPS).flatMap((sizes) =>
    sizes.flatMap(([width, height]) => FORMATS.map((format) => ({ width, height, format }))),
  );
  return [...resized, ...cropped];
}

export type PictureSource = { type: string; srcSet: string };
export type Picture = { sources: PictureSource[]; src: string; srcSet: string; width: number; height: number };

/** <picture> for a photo at its own shape, in the article column: AVIF and WebP sources, a JPEG <img>. */
export function articlePicture(photo: PhotoRef): Picture {
  const widths = widthsFor(photo);
  const srcSet = (format: ImageFormat) => widths.map((w) => `${variantPath(photo.hash, { width: w, format })} ${w}w`).join(", ");
  const largest = widths.at(-1)!;
  return {
    sources: (["avif", "webp"] as const).map((format) => ({ type: MIME[format], srcSet: srcSet(format) })),
    src: variantPath(photo.hash, { width: largest, format: "jpeg" }),
    srcSet: srcSet("jpeg"),
    // The upright size, for the aspect ratio; the rendered width comes from CSS.
    width: photo.width,
    height: photo.height,
  };
}

/** <picture> for a fixed crop, with 1x and 2x candidates. */
export function croppedPicture(photo: Pick<PhotoRef, "hash">, slot: CropSlot): Picture {
  const sizes = CROPS[slot];
  const [baseWidth, baseHeight] = sizes[0]!;
  const srcSet = (format: ImageFormat) =>
    sizes.map(([width, height]) => `${variantPath(photo.hash, { width, height, format })} ${width / baseWidth}x`).join(", ");
  return {
    sources: (["avif", "webp"] as const).map((format) => ({ type: MIME[format], srcSet: srcSet(format) })),
    src: variantPath(photo.hash, { width: baseWidth, height: baseHeight, format: "jpeg" }),
    srcSet: srcSet("jpeg"),
    width: baseWidth,
    height: baseHeight,
  };
}

/** og:image: one 1200×630 JPEG (what every link preview reads). */
export function shareImage(photo: Pick<PhotoRef, "hash">): { src: string; width: number; height: number } {
  const [width, height] = CROPS.share[0];
  return { src: variantPath(photo.hash, { width, height, format: "jpeg" }), width, height };
}
