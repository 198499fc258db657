import type { Article } from "@/lib/content/schema";
import { paths } from "@/lib/urls";

/** A column published with the article, boxed inside it, with its author and a link to its own page. */
export function ColumnBox({ column }: { column: Article }) {
  return (
    <aside aria-labelledby={`column-${column.slug}`} className="my-8 rounded border-2 border-brand bg-brand-light/40 p-4 md:p-6">
      <p className="text-xs font-bold tracking-wide text-brand">칼럼</p>
      <h2 id={`column-${column.slug}`} className="mt-1 font-serif text-xl leading-snug font-bold">
        <a href={paths.article(column.slug)} className="hover:underline">
          {column.title}
        </a>
      </h2>
      {column.authors.map((author) => (
        <p key={author.name} className="mt-2 text-sm">
          <span className="font-semibold">{author.title ? `${author.name} ${author.title}` : author.name}</span>
          {author.role && <span className="block text-ink-soft">{author.role}</span>}
        </p>
      ))}
      <div className="article-body mt-4" dangerouslySetInnerHTML={{ __html: column.html }} />
    </aside>
  );
}
