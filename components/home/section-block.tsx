import type { ArticleCard } from "@/lib/content/schema";
import { paths } from "@/lib/urls";
import { ArticleList } from "@/components/listing/article-list";

type Props = { slug: string; name: string; articles: ArticleCard[] };

/** One section's newest headlines on the home page, with a link to the section. */
export function SectionBlock({ slug, name, articles }: Props) {
  return (
    <section aria-labelledby={`section-${slug}`} className="border-t-2 border-ink pt-2">
      <div className="flex items-baseline justify-between">
        <h2 id={`section-${slug}`} className="text-lg font-bold">
          {name}
        </h2>
        <a href={paths.section(slug)} className="text-sm text-brand hover:underline">
          {name} 더 보기
        </a>
      </div>
      <ArticleList articles={articles} headingLevel={3} />
    </section>
  );
}
