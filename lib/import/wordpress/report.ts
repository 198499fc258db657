// What an import is told and what it reports back (scripts/content-import.ts prints it, --report writes it).
import { createHash } from "node:crypto";
import type { SectionSlug } from "@/lib/site";
import type { ImportedComment } from "@/lib/engagement/imported-comments";

export type SectionMapping = { fallback: SectionSlug; categories: Record<string, SectionSlug> };

export type ImportOptions = {
  /** The export (WXR). */
  file: string;
  /** The content folder written to (content/ unless CONTENT_DIR says otherwise). */
  contentDir: string;
  /** The site's wp-content/uploads folder, when the photos came with the export. */
  uploads?: string;
  /** Overwrite articles an editor has changed since they were imported. */
  force?: boolean;
  sections: SectionMapping;
  /** Where the photo checks keep their measurements (lib/site.ts imageCacheDir). */
  imageCacheDir: string;
  /** Takes each post's approved comments (the CLI stores them a thousand at a time). */
  comments?: (comments: ImportedComment[]) => Promise<void>;
};

export type ImportWarning = { id?: number; title?: string; message: string };

export type ImportReport = {
  posts: { created: number; updated: number; unchanged: number; conflicts: number; held: number };
  /** Posts by WordPress status, imported or not. */
  statuses: Record<string, number>;
  /** Items not imported by kind (page, attachment, nav_menu_item…) or status (private, trash…). */
  skipped: Record<string, number>;
  photos: { copied: number; placeholders: number };
  comments: { offered: number; skipped: Record<string, number> };
  /** What the bodies lost: element or attribute → count. */
  dropped: Record<string, number>;
  unknownCategories: Record<string, number>;
  /** Missing photo files → the posts that use them. */
  missingPhotos: Record<string, number[]>;
  warnings: ImportWarning[];
};

export const newReport = (): ImportReport => ({
  posts: { created: 0, updated: 0, unchanged: 0, conflicts: 0, held: 0 },
  statuses: {},
  skipped: {},
  photos: { copied: 0, placeholders: 0 },
  comments: { offered: 0, skipped: {} },
  dropped: {},
  unknownCategories: {},
  missingPhotos: {},
  warnings: [],
});

export const count = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);
/** A file's fingerprint: 128 bits of SHA-256 tell an editor's change apart (100,000 of them are kept). */
export const digestOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
