import type { Article } from "@/lib/content/schema";
import { sectionName } from "@/lib/article-display";
import { paths } from "@/lib/urls";

/** "이 기사에 대해 좀 더 자세히...": where to read more on the same subject. */
export function MoreOnTopic({ article }: { article: Article }) {
  return (
    <section aria-labelledby="more-on-topic" className="no-print mt-8">
      <h2 id="more-on-topic" className="font-bold">
        이 기사에 대해 좀 더 자세히...
      </h2>
      <ul className="link-chips mt-2 flex flex-wrap gap-2 text-sm">
        {article.series && (
          <li>
            <a href={paths.series(article.series)}>연재 「{article.series}」 전체 보기</a>
          </li>
        )}
        <li>
          <a href={paths.section(article.section)}>{sectionName(article.section)} 기사 더 보기</a>
        </li>
        {article.authors.map((author) => (
          <li key={author.name}>
            <a href={paths.author(author.name)}>{author.name}의 글 더 보기</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
