import { ColumnPhoto } from "@/components/photo/picture";
import type { ArticleImage } from "@/lib/content/schema";

/** The article's lead photo above the text: the page's LCP, so fetched first; caption and credit under it. */
export function LeadPhoto({ image }: { image: ArticleImage }) {
  if (!image.photo) return null;
  return (
    <figure className="my-4">
      <ColumnPhoto photo={image.photo} alt={image.alt} priority />
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
