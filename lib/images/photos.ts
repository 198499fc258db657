// Editors' photos: originals under content/images/, never served; read here (synchronously, with the
// content) for their size, upright shape and content hash, and checked for what an editor can get wrong.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { say } from "@/lib/editor-language";
import type { PhotoRef } from "@/lib/images/slots";

/** Bumped when the encoder's settings change: every variant then gets a new name (old ones stay cached as immutable). */
export const ENCODER_VERSION = "1";

/**
 * A camera original is 5–15 MB (a 24 MP JPEG at high quality ~12 MB, a 45 MP one ~25 MB); past 30 MB it
 * is almost always a TIFF-like export or a scan that should be resized before it goes into git.
 */
export const MAX_PHOTO_BYTES = 30 * 1024 * 1024;
/** 60 megapixels: above every camera a newsroom uses; also sharp's limitInputPixels, so no decode bomb gets through. */
export const MAX_PHOTO_PIXELS = 60_000_000;
/** Google Discover and large link previews want a lead image at least 1,200 px wide. */
export const LEAD_MIN_WIDTH = 1200;

const PHOTO_TYPES = new Set(["jpg", "png", "webp"]);

export type Photo = PhotoRef & { file: string; bytes: number };
export type PhotoLookup = { ok: true; photo: Photo } | { ok: false; message: string };

/** Whether a Markdown or frontmatter image source names a photo (content/images/) rather than a labelled placeholder (public/, SVG). */
export const isPhotoSource = (src: string) => src.startsWith("/images/") && !/\.svg$/i.test(src);

/** Whether a file ends as its format says it must; a cut-off upload or copy does not. */
function complete(type: string, bytes: Buffer): boolean {
  if (type === "jpg") return bytes.length > 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  if (type === "png") return bytes.subarray(bytes.length - 8).toString("latin1") === "IEND\xaeB`\x82";
  if (type === "webp") return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 <= bytes.length;
  return false;
}

/** The colour the build measured for a photo (its placeholder while it loads), if the build has run. */
function measuredColor(cacheDir: string, hash: string): string | undefined {
  try {
    const { color } = JSON.parse(fs.readFileSync(path.join(cacheDir, `${hash}.json`), "utf8")) as { color?: string };
    return typeof color === "string" && /^#[0-9a-f]{6}$/.test(color) ? color : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `/images/<path>` from `<contentDir>/images/`, or says what is wrong with it in the editors' language. */
export function readPhoto(contentDir: string, src: string, cacheDir: string): PhotoLookup {
  const imagesDir = path.join(contentDir, "images");
  let relative: string;
  try {
    relative = decodeURI(src.split(/[?#]/)[0]!.slice("/images/".length));
  } catch {
    return { ok: false, message: say(`"${src}"은(는) 주소 형식이 잘못되었습니다.`, `"${src}" is not a well-formed path.`) };
  }
  const file = path.join(imagesDir, relative);
  if (!file.startsWith(imagesDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return {
      ok: false,
      message: say(
        `"${src}" 사진이 content/images/${relative}에 없습니다. 원본 사진은 content/images/ 아래에 두세요(public/에 두면 원본이 그대로 공개됩니다).`,
        `"${src}" does not exist as content/images/${relative}. Put original photos under content/images/ (under public/ the original would be served as it is).`,
      ),
    };
  }
  const bytes = fs.readFileSync(file);
  if (bytes.length > MAX_PHOTO_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      message: say(
        `"${src}"은(는) ${mb} MB로 한도 ${MAX_PHOTO_BYTES / 1024 / 1024} MB를 넘습니다. 긴 변을 6,000 px 이하로 줄여 JPEG로 저장하세요.`,
        `"${src}" is ${mb} MB, over the ${MAX_PHOTO_BYTES / 1024 / 1024} MB limit. Save it as a JPEG at most 6,000 px on its long side.`,
      ),
    };
  }
  let info: ReturnType<typeof imageSize>;
  try {
    info = imageSize(bytes);
  } catch {
    info = { width: 0, height: 0 };
  }
  if (!info.type || !PHOTO_TYPES.has(info.type)) {
    return {
      ok: false,
      message: say(
        `"${src}"은(는) 읽을 수 있는 JPEG, PNG, WebP 사진이 아닙니다${info.type ? `(${info.type})` : ""}. HEIC 등은 JPEG로 내보내어 넣으세요.`,
        `"${src}" is not a JPEG, PNG or WebP photo we can read${info.type ? ` (${info.type})` : ""}. Export HEIC and other formats as JPEG.`,
      ),
    };
  }
  if (!info.width || !info.height || !complete(info.type, bytes)) {
    return {
      ok: false,
      message: say(
        `"${src}" 파일이 잘렸거나 깨져 있습니다. 원본에서 다시 내보내거나 복사하세요.`,
        `"${src}" is truncated or damaged. Export or copy it again from the original.`,
      ),
    };
  }
  if (info.width * info.height > MAX_PHOTO_PIXELS) {
    return {
      ok: false,
      message: say(
        `"${src}"은(는) ${info.width}×${info.height} px로 6천만 화소를 넘습니다. 긴 변을 6,000 px 이하로 줄이세요.`,
        `"${src}" is ${info.width}×${info.height} px, over 60 megapixels. Resize it to at most 6,000 px on its long side.`,
      ),
    };
  }
  // EXIF orientations 5–8 turn the picture a quarter: the photo readers see is the other way round.
  const turned = (info.orientation ?? 1) >= 5;
  const hash = createHash("sha256").update(ENCODER_VERSION).update(bytes).digest("hex").slice(0, 20);
  return {
    ok: true,
    photo: {
      file,
      bytes: bytes.length,
      hash,
      width: turned ? info.height : info.width,
      height: turned ? info.width : info.height,
      color: measuredColor(cacheDir, hash),
    },
  };
}
