import type { ArticleCard } from "@/lib/content/schema";
import { PictureElement } from "@/components/photo/picture";
import { representativePhoto, teaser } from "@/lib/article-display";
import { croppedPicture } from "@/lib/images/slots";
import { paths } from "@/lib/urls";

/** 매거진 in 충북: magazine pieces with a 308×171 thumbnail and a teaser. */
export function MagazineBox({ articles }: { articles: ArticleCard[] }) {
  return (
    <section aria-labelledby="magazine-box" className="reader-box border-t-2 border-ink pt-2">
      <h2 id="magazine-box" className="text-lg font-bold">
        매거진 in 충북
      </h2>
      {articles.length === 0 && <p className="py-2 text-sm text-ink-soft">매거진 기사가 없습니다.</p>}
      <ul className="mt-2 space-y-4">
        {articles.map((article) => (
          <li key={article.slug}>
            <a href={paths.article(article.slug)} className="group block">
              {representativePhoto(article) ? (
                <PictureElement
                  picture={croppedPicture(representativePhoto(article)!.photo, "magazine")}
                  alt={representativePhoto(article)!.alt}
                  color={representativePhoto(article)!.photo.color}
                  className="aspect-[308/171] h-auto w-full object-cover"
                />
              ) : (
                article.image && (
                  // eslint-disable-next-line @next/next/no-img-element -- a labelled placeholder (SVG), shown as it is
                  <img
                    src={article.image.src}
                    alt={article.image.alt}
                    width={308}
                    height={171}
                    loading="lazy"
                    decoding="async"
                    className="aspect-[308/171] h-auto w-full bg-gray-100 object-cover"
                  />
                )
              )}
              <span className="mt-2 block font-semibold group-hover:underline">{article.title}</span>
            </a>
            <p className="mt-1 line-clamp-3 text-sm text-ink-soft">{teaser(article)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
