// The placeholder text `npm run content:new` writes into a new article: one place for the script that writes
// it and for the check that refuses to publish it.

export const TEMPLATE_TEXT = {
  title: "제목을 입력하세요",
  authorName: "기자 이름",
  summary: "한두 문장 요약 (검색 결과와 목록에 나옵니다).",
  body: "여기에 본문을 씁니다.",
} as const;

/** The template's placeholders still in a non-draft article, as "field: text" pairs. */
export function templateLeftovers(article: {
  title: string;
  summary?: string;
  authors: { name: string }[];
  plainText: string;
}): [string, string][] {
  const found: [string, string][] = [];
  if (article.title === TEMPLATE_TEXT.title) found.push(["title", TEMPLATE_TEXT.title]);
  if (article.summary === TEMPLATE_TEXT.summary) found.push(["summary", TEMPLATE_TEXT.summary]);
  article.authors.forEach((author, index) => {
    if (author.name === TEMPLATE_TEXT.authorName) found.push([`authors.${index}.name`, TEMPLATE_TEXT.authorName]);
  });
  if (article.plainText.includes(TEMPLATE_TEXT.body)) found.push(["body", TEMPLATE_TEXT.body]);
  return found;
}
