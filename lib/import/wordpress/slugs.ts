// The portal's slug for a WordPress post, and the old addresses that must lead to it. WordPress keeps
// Korean slugs as percent-encoded Hangul (%ea%b0%80…); the portal's are lower-case ASCII words
// (lib/content/schema.ts SLUG_PATTERN), so Hangul is romanised (es-hangul, the Revised Romanization).
import { romanize } from "es-hangul";
import { SLUG_PATTERN } from "@/lib/content/schema";

/** Slugs longer than this are cut at a word: a URL is read, shared and typed. */
const MAX_SLUG = 80;

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** `text` as slug words: Hangul romanised, accents and everything else not a letter or digit gone. */
export function slugWords(text: string): string {
  const ascii = decoded(text)
    .normalize("NFC")
    .replace(/[\uac00-\ud7a3]+/g, (hangul) => ` ${romanize(hangul)} `)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= MAX_SLUG) return ascii;
  const cut = ascii.slice(0, MAX_SLUG + 1);
  const at = cut.lastIndexOf("-");
  return (at > 20 ? cut.slice(0, at) : ascii.slice(0, MAX_SLUG)).replace(/-+$/, "");
}

/**
 * A slug for the post, unique among `taken` (which it joins): its WordPress slug, else its title,
 * romanised; the post's ID where neither gives a word, or where the word is already taken.
 */
export function uniqueSlug(post: { id: number; name: string; title: string }, taken: Set<string>): string {
  const base = slugWords(post.name) || slugWords(post.title);
  const candidates = base ? [base, `${base}-${post.id}`] : [];
  candidates.push(`post-${post.id}`);
  for (let n = 2; ; n++) {
    const candidate = candidates.shift() ?? `post-${post.id}-${n}`;
    if (SLUG_PATTERN.test(candidate) && !taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/**
 * The old addresses of a post, as paths on this site: its permalink (the item's <link>, with its Hangul
 * decoded: the portal matches requests decoded, so the percent-encoded form the old site linked to leads
 * there too) and WordPress's own `/?p=ID`.
 */
export function oldAddresses(link: string, id: number): string[] {
  const addresses = new Set<string>();
  try {
    const url = new URL(link);
    const path = decoded(url.pathname) + url.search;
    if (path !== "/" && !/\s|#/.test(path)) addresses.add(path);
  } catch {
    // No usable permalink: ?p=ID still leads there.
  }
  if (id > 0) addresses.add(`/?p=${id}`);
  return [...addresses];
}
