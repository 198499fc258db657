// An article's digest: what a read model records of each article, so an update (lib/archive/write.ts) and
// PostgreSQL's sync rewrite only the articles whose digest changed. The parse cache knows the digest of the
// articles it gives back (lib/content/parse-cache.ts), so an unchanged article is not serialized again.
import { createHash } from "node:crypto";
import type { Article } from "@/lib/content/schema";

// Articles are never changed after their parse (a changed article is a new object), so a digest stays true.
const known = new WeakMap<Article, string>();

/** A digest of everything the read model stores of an article. */
export function articleDigest(article: Article): string {
  let digest = known.get(article);
  if (digest === undefined) {
    digest = createHash("sha256").update(JSON.stringify(article)).digest("base64url");
    known.set(article, digest);
  }
  return digest;
}

/** Records `digest` as `article`'s, computed by `articleDigest` from an equal article in an earlier run. */
export function knowDigest(article: Article, digest: string): void {
  known.set(article, digest);
}
