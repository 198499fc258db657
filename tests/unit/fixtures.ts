// Articles built in memory for the pure-logic tests: only the fields a test names differ.
import { sortIntoContentOrder } from "@/lib/content/order";
import { loadContent } from "@/lib/content";
import { parseArticle } from "@/lib/content/parse-article";
import type { Article } from "@/lib/content/schema";
import { generateArticles } from "@/scripts/lib/synthetic";

export function makeArticle(slug: string, fields: Partial<Article> = {}): Article {
  return {
    slug,
    file: `articles/${slug}.md`,
    title: `${slug} 제목`,
    date: "2008-11-09T19:59:40+09:00",
    dateApproximate: false,
    section: "economy",
    authors: [],
    tags: [],
    kind: "news",
    exclusive: false,
    related: [],
    excerpt: false,
    draft: false,
    html: "<p>본문</p>",
    plainText: "본문",
    aliases: [],
    images: [],
    corrections: [],
    lastModified: fields.updated ?? fields.date ?? "2008-11-09T19:59:40+09:00",
    ...fields,
  };
}

/**
 * `count` generated articles from the real ones (scripts/lib/synthetic.ts), parsed as the build parses them,
 * in content order as the build gives them.
 */
export function syntheticArchive(count: number): Article[] {
  return sortIntoContentOrder(
    generateArticles(loadContent().articles, count).map((file) => {
      const parsed = parseArticle(file.name, file.name.replace(/\.md$/, ""), file.text, {
        localImage: () => ({ ok: true, width: 308, height: 171 }),
      });
      if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
      return parsed.article;
    }),
  );
}
