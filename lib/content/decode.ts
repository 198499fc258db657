// Turns a content file's bytes into text, or says plainly why it cannot (size, encoding, binary).
import iconv from "iconv-lite";
import { say } from "@/lib/editor-language";

/** Larger than any article we publish; a bigger file is almost certainly a mistake (a pasted image, a dump). */
export const MAX_CONTENT_FILE_BYTES = 512 * 1024;

export type DecodedFile = { ok: true; text: string } | { ok: false; message: string };

const HANGUL = /[\uAC00-\uD7A3]/;

/** Decodes UTF-8 (with or without BOM) to NFC text; detects CP949/EUC-KR, the usual Korean Windows encodings. */
export function decodeContentFile(bytes: Uint8Array): DecodedFile {
  if (bytes.byteLength > MAX_CONTENT_FILE_BYTES) {
    return {
      ok: false,
      message: say(
        `파일 크기가 ${Math.round(bytes.byteLength / 1024)} KB로, 기사 한 건의 한도 ${MAX_CONTENT_FILE_BYTES / 1024} KB를 넘습니다. 사진은 파일로 두고 링크하며, 아주 긴 글은 나누세요.`,
        `is ${Math.round(bytes.byteLength / 1024)} KB, over the ${MAX_CONTENT_FILE_BYTES / 1024} KB limit for one article. Put images under public/ and link them; split very long texts.`,
      ),
    };
  }
  if (bytes.includes(0)) {
    return {
      ok: false,
      message: say(
        "NUL 바이트가 들어 있는 바이너리 파일이라 마크다운 글이 아닙니다. 일반 텍스트(UTF-8)로 저장하세요.",
        "contains NUL bytes: it is a binary file, not Markdown text. Save it as plain text (UTF-8).",
      ),
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text: text.normalize("NFC") };
  } catch {
    const asKorean = iconv.decode(Buffer.from(bytes), "cp949");
    if (HANGUL.test(asKorean) && !asKorean.includes("\uFFFD")) {
      return {
        ok: false,
        message: say(
          "UTF-8이 아니라 CP949/EUC-KR(예전 한글 윈도 인코딩)로 저장되어 있습니다. UTF-8로 다시 저장하세요. 메모장: 다른 이름으로 저장 → 인코딩 UTF-8. VS Code: 아래 상태 표시줄의 인코딩 → 인코딩하여 저장 → UTF-8.",
          "is saved in CP949/EUC-KR (the older Korean Windows encoding), not UTF-8. Re-save it as UTF-8: in 메모장 choose 다른 이름으로 저장 → 인코딩 UTF-8; in VS Code click the encoding in the status bar → Save with Encoding → UTF-8.",
        ),
      };
    }
    return {
      ok: false,
      message: say("올바른 UTF-8 텍스트가 아닙니다. UTF-8 인코딩으로 다시 저장하세요.", "is not valid UTF-8 text. Re-save it with the UTF-8 encoding."),
    };
  }
}
