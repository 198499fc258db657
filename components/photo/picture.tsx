import { ARTICLE_SIZES, articlePicture, type Picture, type PhotoRef } from "@/lib/images/slots";

type Props = {
  picture: Picture;
  alt: string;
  sizes?: string;
  /** The page's largest image (the LCP): fetched first, not lazily. */
  priority?: boolean;
  color?: string;
  className?: string;
};

/** A photo as <picture>: AVIF and WebP sources, a JPEG <img> with its size known (no layout shift). */
export function PictureElement({ picture, alt, sizes, priority = false, color, className }: Props) {
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        srcSet={picture.srcSet}
        sizes={sizes}
        alt={alt}
        width={picture.width}
        height={picture.height}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : undefined}
        decoding={priority ? "sync" : "async"}
        style={color ? { backgroundColor: color } : undefined}
        className={className}
      />
    </picture>
  );
}

/** A photo the width of the article column (an article's lead, the home page's top story). */
export function ColumnPhoto({ photo, alt, priority = false }: { photo: PhotoRef; alt: string; priority?: boolean }) {
  return (
    <PictureElement
      picture={articlePicture(photo)}
      alt={alt}
      sizes={ARTICLE_SIZES}
      priority={priority}
      color={photo.color}
      className="h-auto w-full"
    />
  );
}
