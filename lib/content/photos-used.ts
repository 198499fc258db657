// The photos the content uses, by content hash: what /img/ may make variants of, and what the build makes ahead.
import type { Content } from "@/lib/content";
import type { Photo } from "@/lib/images/photos";
import { oncePer } from "@/lib/memo";

/**
 * Every photo of every article (drafts and scheduled ones included: their variants are ready when they
 * publish), found once per content: /img/ asks on every request it makes a variant for.
 */
export const photosOf = oncePer((content: Pick<Content, "articles">): Map<string, Photo> => {
  const byHash = new Map<string, Photo>();
  for (const article of content.articles) {
    for (const ref of [article.image?.photo, ...article.images.map((image) => image.photo)]) {
      if (ref && "file" in ref) byHash.set(ref.hash, ref as Photo);
    }
  }
  return byHash;
});
