import type { ArticleCard } from "@/lib/content/schema";
import { numberedTitle } from "@/lib/article-display";
import { paths } from "@/lib/urls";

/** A numbered list of headlines for the sidebar boxes; says so when there is nothing to list. */
export function HeadlineList({ articles, empty }: { articles: ArticleCard[]; empty: string }) {
  if (!articles.length) return <p className="py-2 text-sm text-ink-soft">{empty}</p>;
  return (
    <ol className="headline-list divide-y divide-rule text-sm">
      {articles.map((article, index) => (
        <li key={article.slug}>
          <span aria-hidden="true">{index + 1}</span>
          <a href={paths.article(article.slug)}>{numberedTitle(article)}</a>
        </li>
      ))}
    </ol>
  );
}
