// The editable category → section mapping an import reads (content/imports/wordpress-sections.yaml).
import fs from "node:fs";
import { parseDocument } from "yaml";
import { lineOfPath } from "@/lib/content/problems";
import { say } from "@/lib/editor-language";
import { SECTIONS, type SectionSlug } from "@/lib/site";
import type { SectionMapping } from "@/lib/import/wordpress/report";

/** The editable category → section mapping (relative to the content folder). */
export const SECTIONS_FILE = "imports/wordpress-sections.yaml";

/**
 * The category → section mapping at `file` (content/imports/wordpress-sections.yaml): `fallback:` a
 * section for posts whose categories it does not list, `categories:` WordPress category slug or name →
 * section. Throws with the file, line and fix when it names a section that does not exist.
 */
export function readSectionMapping(file: string, relative: string = SECTIONS_FILE): SectionMapping {
  const known = SECTIONS.map((s) => s.slug) as string[];
  if (!fs.existsSync(file)) return { fallback: "society", categories: {} };
  const text = fs.readFileSync(file, "utf8");
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length) throw new Error(`${relative}: ${document.errors[0]!.message}`);
  const value = (document.toJS() ?? {}) as { fallback?: unknown; categories?: Record<string, unknown> };
  const bad = (key: string[], got: unknown) =>
    new Error(
      `${relative}:${lineOfPath(text, key) ?? 1}: ${say(
        `"${String(got)}"은(는) 섹션이 아닙니다. ${known.join(", ")} 가운데 하나를 쓰세요.`,
        `"${String(got)}" is not a section. Use one of: ${known.join(", ")}.`,
      )}`,
    );
  const fallback = value.fallback ?? "society";
  if (typeof fallback !== "string" || !known.includes(fallback)) throw bad(["fallback"], fallback);
  const categories: Record<string, SectionSlug> = {};
  for (const [category, section] of Object.entries(value.categories ?? {})) {
    if (typeof section !== "string" || !known.includes(section)) throw bad(["categories", category], section);
    categories[category] = section as SectionSlug;
  }
  return { fallback: fallback as SectionSlug, categories };
}
