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
        <ul className="mt-2 divide-y divide-rule">
          {articles.map((article) => (
            <li key={article.slug} className="flex items-baseline justify-between gap-3 py-2">
              <a href={paths.article(article.slug)} className="hover:underline">
                {numberedTitle(article)}
              </a>
              <ListDate article={article} className="shrink-0 text-xs text-ink-faint" />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-ink-soft">관련기사가 없습니다.</p>
      )}
    </section>
  );
}
