import type { Article } from "@/lib/content/schema";

/** The article text. Its HTML was rendered and sanitised at build time by lib/content/markdown.ts. */
export function ArticleBody({ article }: { article: Pick<Article, "html" | "excerpt"> }) {
  return (
    <>
      {article.excerpt && (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          발췌: 원문이 중간에서 끊겨 있어, 마지막으로 완결된 문장까지만 싣습니다.
        </p>
      )}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
    </>
  );
}
