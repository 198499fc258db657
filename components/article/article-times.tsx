import type { Article } from "@/lib/content/schema";
import { formatKstDateTime, formatKstMonth } from "@/lib/dates";

/** 웹출고시간 and 최종수정 in Korean time; an approximate date shows only its month, labelled as such. */
export function ArticleTimes({ article }: { article: Pick<Article, "date" | "updated" | "dateApproximate"> }) {
  return (
    <ul className="flex flex-wrap gap-x-4 text-sm text-ink-soft">
      <li>
        <span className="mr-1 font-semibold">웹출고시간</span>
        {article.dateApproximate ? (
          <time dateTime={article.date.slice(0, 7)}>{`${formatKstMonth(article.date)} (원문에 날짜가 없어 추정)`}</time>
        ) : (
          <time dateTime={article.date}>{formatKstDateTime(article.date)}</time>
        )}
      </li>
      {article.updated && (
        <li>
          <span className="mr-1 font-semibold">최종수정</span>
          <time dateTime={article.updated}>{formatKstDateTime(article.updated)}</time>
        </li>
      )}
    </ul>
  );
}
