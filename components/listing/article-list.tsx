import type { Article } from "@/lib/content/schema";
import { numberedTitle, sectionName, teaser } from "@/lib/article-display";
import { paths } from "@/lib/urls";
import { ListDate } from "@/components/listing/list-date";

/** Headlines with section, date and teaser, for listing pages and home section blocks. */
export function ArticleList({ articles, headingLevel = 2 }: { articles: Article[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="divide-y divide-rule">
      {articles.map((article) => (
        <li key={article.slug} className="py-4">
          <article>
            <Heading className="font-serif text-lg leading-snug font-bold">
              <a href={paths.article(article.slug)} className="hover:underline">
                {article.series && <span className="mr-1 text-sm font-semibold text-accent">[{article.series}]</span>}
                {numberedTitle(article)}
              </a>
            </Heading>
            <p className="mt-1 line-clamp-2 text-sm text-ink-soft">{teaser(article)}</p>
            <p className="mt-1 flex gap-2 text-xs text-ink-faint">
              <span>{sectionName(article.section)}</span>
              <ListDate article={article} />
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
