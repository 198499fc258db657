import type { Article } from "@/lib/content/schema";
import { formatKstDate } from "@/lib/dates";

/** A list's date column; an approximate date shows only year and month. */
export function ListDate({ article, className }: { article: Pick<Article, "date" | "dateApproximate">; className?: string }) {
  return (
    <time dateTime={article.dateApproximate ? article.date.slice(0, 7) : article.date} className={className}>
      {article.dateApproximate ? formatKstDate(article.date).slice(0, 7) : formatKstDate(article.date)}
    </time>
  );
}
