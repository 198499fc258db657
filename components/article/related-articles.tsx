import type { ArticleCard } from "@/lib/content/schema";
import { numberedTitle } from "@/lib/article-display";
import { paths } from "@/lib/urls";
import { ListDate } from "@/components/listing/list-date";

/** 관련기사, ranked by lib/related.ts. */
export function RelatedArticles({ articles }: { articles: ArticleCard[] }) {
  return (
    <section aria-labelledby="related-heading" className="no-print mt-8 border-t-2 border-ink pt-3">
      <h2 id="related-heading" className="font-bold">
        관련기사
      </h2>
      {articles.length ? (
        <ul className="related-list mt-2 divide-y divide-rule">
          {articles.map((article) => (
            <li key={article.slug}>
              <a href={paths.article(article.slug)}>{numberedTitle(article)}</a>
              <ListDate article={article} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-ink-soft">관련기사가 없습니다.</p>
      )}
    </section>
  );
}
