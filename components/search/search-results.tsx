import type { ArticleCard } from "@/lib/content/schema";
import { numberedTitle, sectionName } from "@/lib/article-display";
import type { Snippet } from "@/lib/search/highlight";
import { paths } from "@/lib/urls";
import { ListDate } from "@/components/listing/list-date";
import { HighlightedText } from "@/components/search/highlighted-text";

export type SearchResultItem = { article: ArticleCard; title: Snippet; snippet: Snippet };

/** Ranked results: highlighted title, section, date and a highlighted stretch of the text. */
export function SearchResults({ items }: { items: SearchResultItem[] }) {
  return (
    <ol className="divide-y divide-rule">
      {items.map(({ article, title, snippet }) => (
        <li key={article.slug} className="py-4">
          <h2 className="font-serif text-lg leading-snug font-bold">
            <a href={paths.article(article.slug)} className="hover:underline">
              <HighlightedText snippet={title} />
            </a>
          </h2>
          <p className="mt-1 flex gap-2 text-xs text-ink-faint">
            <span>{sectionName(article.section)}</span>
            <ListDate article={article} />
            <span className="sr-only">{numberedTitle(article)}</span>
          </p>
          <p className="mt-1 text-sm text-ink-soft">
            <HighlightedText snippet={snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}
