import { pageWindow } from "@/lib/page-window";

type Props = { page: number; pageCount: number; pathOf: (page: number) => string };

/**
 * Page links around the current page, with the first and the last (lib/page-window.ts); plain links so
 * every page is reachable without JavaScript.
 */
export function Pagination({ page, pageCount, pathOf }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="페이지" className="mt-6 flex flex-wrap justify-center gap-1 text-sm">
      {page > 1 && (
        <a href={pathOf(page - 1)} rel="prev" className="rounded border border-rule px-3 py-1">
          이전
        </a>
      )}
      {pageWindow(page, pageCount).map((n, i) =>
        n === "gap" ? (
          <span key={`gap-${i}`} className="px-1 py-1 text-ink-soft" aria-hidden="true">
            …
          </span>
        ) : (
          <a
            key={n}
            href={pathOf(n)}
            aria-current={n === page ? "page" : undefined}
            className={`rounded border px-3 py-1 ${n === page ? "border-brand bg-brand text-white" : "border-rule"}`}
          >
            {n}
          </a>
        ),
      )}
      {page < pageCount && (
        <a href={pathOf(page + 1)} rel="next" className="rounded border border-rule px-3 py-1">
          다음
        </a>
      )}
    </nav>
  );
}
