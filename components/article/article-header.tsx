import type { Article } from "@/lib/content/schema";
import { bylineNames, numberedTitle, sectionName } from "@/lib/article-display";
import { paths } from "@/lib/urls";
import { ArticleTimes } from "@/components/article/article-times";

/** Section and series kicker, the numbered headline, byline and times, in the source page's order. */
export function ArticleHeader({ article }: { article: Article }) {
  return (
    <header className="border-b border-rule pb-4">
      <p className="flex flex-wrap gap-x-2 text-sm font-semibold">
        <a href={paths.section(article.section)} className="text-brand hover:underline">
          {sectionName(article.section)}
        </a>
        {article.series && (
          <a href={paths.series(article.series)} className="text-accent hover:underline">
            {article.series}
          </a>
        )}
      </p>
      <h1 className="mt-2 font-serif text-2xl leading-snug font-bold md:text-3xl">{numberedTitle(article)}</h1>
      <p className="mt-3 text-sm">
        {article.authors.length ? (
          article.authors.map((author, index) => (
            <span key={author.name}>
              {index > 0 && ", "}
              <a href={paths.author(author.name)} className="font-semibold hover:underline">
                {bylineNames({ authors: [author] })[0]}
              </a>
              {author.role && <span className="text-ink-soft"> · {author.role}</span>}
              {author.email && (
                <a href={`mailto:${author.email}`} className="ml-1 text-ink-soft hover:underline">
                  {author.email}
                </a>
              )}
            </span>
          ))
        ) : (
          <span className="font-semibold">{bylineNames(article)[0]}</span>
        )}
      </p>
      <div className="mt-2">
        <ArticleTimes article={article} />
      </div>
    </header>
  );
}
