import { PictureElement } from "@/components/photo/picture";
import type { ArticleImage } from "@/lib/content/schema";
import { ARTICLE_SIZES, articlePicture } from "@/lib/images/slots";

/** The article's lead photo above the text: the page's LCP, so fetched first; caption and credit under it. */
export function LeadPhoto({ image }: { image: ArticleImage }) {
  if (!image.photo) return null;
  return (
    <figure className="my-4">
      <PictureElement
        picture={articlePicture(image.photo)}
        alt={image.alt}
        sizes={ARTICLE_SIZES}
        priority
        color={image.photo.color}
        className="h-auto w-full"
      />
      {(image.caption || image.credit) && (
        <figcaption className="mt-2 text-sm leading-normal text-ink-soft">
          {image.caption}
          {image.caption && image.credit && " "}
          {image.credit && <span className="credit">{image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
