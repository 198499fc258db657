import type { ArticleCard } from "@/lib/content/schema";
import { HeadlineList } from "@/components/sidebar/headline-list";

type Props = { hot: ArticleCard[]; why: ArticleCard[]; only: ArticleCard[] };

/** Hot & Why & Only: most read (newest until read counts exist), analysis and columns, exclusives. */
export function HotWhyOnly({ hot, why, only }: Props) {
  const lists = [
    { id: "hot", title: "Hot", note: "많이 본 기사", articles: hot, empty: "아직 기사가 없습니다." },
    { id: "why", title: "Why", note: "분석·칼럼", articles: why, empty: "분석·칼럼 기사가 없습니다." },
    { id: "only", title: "Only", note: "단독", articles: only, empty: "단독 기사가 없습니다." },
  ];
  return (
    <section aria-labelledby="hot-why-only" className="reader-box border-t-2 border-ink pt-2">
      <h2 id="hot-why-only" className="text-lg font-bold">
        Hot &amp; Why &amp; Only
      </h2>
      {lists.map((list) => (
        <section key={list.id} aria-labelledby={`hwo-${list.id}`} className="mt-2">
          <h3 id={`hwo-${list.id}`} className="text-sm font-bold text-accent">
            {list.title} <span className="font-normal text-ink-soft">{list.note}</span>
          </h3>
          <HeadlineList articles={list.articles} empty={list.empty} />
        </section>
      ))}
    </section>
  );
}
