// The language every message written for editors is in: the build's errors (lib/content/problems.ts), the
// photo checks (lib/images/photos.ts), the import's report. Below both, so each can say things.
import { site } from "@/lib/site";

/**
 * An editor's message in the newsroom's language: Korean, or English when CONTENT_MESSAGES=en. Every
 * message written for editors goes through here, so the two never drift apart in what they say.
 */
export function say<T>(ko: T, en: T): T {
  return site.editorLanguage === "en" ? en : ko;
}
