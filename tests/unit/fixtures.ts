// Articles built in memory for the pure-logic tests: only the fields a test names differ.
import type { Article } from "@/lib/content/schema";

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
