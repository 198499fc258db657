import type { ArticleCard } from "@/lib/content/schema";
import { PictureElement } from "@/components/photo/picture";
import { numberedTitle, representativePhoto, sectionName, teaser } from "@/lib/article-display";
import { croppedPicture } from "@/lib/images/slots";
import { paths } from "@/lib/urls";
import { ListDate } from "@/components/listing/list-date";

/** Headlines with section, date and teaser, for listing pages and home section blocks. */
export function ArticleList({ articles, headingLevel = 2 }: { articles: ArticleCard[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="card-list divide-y divide-rule">
      {articles.map((article) => {
        const photo = representativePhoto(article);
        return (
          <li key={article.slug}>
            <article>
              <div className="card-text">
                <Heading>
                  <a href={paths.article(article.slug)}>
                    {article.series && <span className="mr-1 text-sm font-semibold text-accent">[{article.series}]</span>}
                    {numberedTitle(article)}
                  </a>
                </Heading>
                <p className="card-teaser">{teaser(article)}</p>
                <p className="card-meta">
                  <span>{sectionName(article.section)}</span>
                  <ListDate article={article} />
                </p>
              </div>
              {photo && (
                <a href={paths.article(article.slug)} tabIndex={-1} aria-hidden="true" className="shrink-0">
                  <PictureElement
                    picture={croppedPicture(photo.photo, "thumbnail")}
                    alt=""
                    color={photo.photo.color}
                    className="h-auto w-24 sm:w-36"
                  />
                </a>
              )}
            </article>
          </li>
        );
      })}
    </ul>
  );
}
