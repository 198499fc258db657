import type { ArticleCard } from "@/lib/content/schema";
import { numberedTitle } from "@/lib/article-display";
import { paths } from "@/lib/urls";

/** 최근기사: the newest headlines in one strip above the article. */
export function RecentStrip({ articles }: { articles: ArticleCard[] }) {
  if (!articles.length) return null;
  return (
    <section
      aria-labelledby="recent-strip-heading"
      className="no-print mb-4 flex flex-wrap items-baseline gap-x-3 gap-y-1 border-y border-rule py-2 text-sm"
    >
      <h2 id="recent-strip-heading" className="shrink-0 font-bold text-brand">
        최근기사
      </h2>
      <ul className="recent-list flex min-w-0 flex-wrap gap-x-4 gap-y-1">
        {articles.map((article) => (
          <li key={article.slug}>
            <a href={paths.article(article.slug)}>{numberedTitle(article)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
