import type { ArticleCard } from "@/lib/content/schema";
import { ColumnPhoto } from "@/components/photo/picture";
import { bylineNames, numberedTitle, representativePhoto, sectionName, teaser } from "@/lib/article-display";
import { paths } from "@/lib/urls";
import { ListDate } from "@/components/listing/list-date";

/** The home page's lead: the newest article, large, with its kicker and teaser. */
export function TopStory({ article }: { article: ArticleCard }) {
  const photo = representativePhoto(article);
  return (
    <article aria-labelledby="top-story" className="border-b-2 border-ink pb-5">
      {photo && (
        // The home page's largest image (its LCP): fetched first.
        <div className="mb-3">
          <ColumnPhoto photo={photo.photo} alt={photo.alt} priority />
        </div>
      )}
      <p className="text-sm font-semibold text-accent">{article.series ?? sectionName(article.section)}</p>
      <h2 id="top-story" className="mt-1 font-serif text-2xl leading-snug font-bold md:text-3xl">
        <a href={paths.article(article.slug)} className="hover:underline">
          {numberedTitle(article)}
        </a>
      </h2>
      <p className="mt-3 text-ink-soft">{teaser(article, 200)}</p>
      <p className="mt-2 flex gap-2 text-sm text-ink-faint">
        <span>{bylineNames(article).join(", ")}</span>
        <ListDate article={article} />
      </p>
    </article>
  );
}
