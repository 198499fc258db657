import { PERIODS, SORTS, searchOptionsQuery, type SearchOptions, type SearchSort } from "@/lib/search/filters";
import { SECTIONS } from "@/lib/site";

/**
 * Sort and period as Korean news searches offer them: the orders as links (crawlable, one tap), and period,
 * dates and section in a plain GET form, so all of it is in the URL and works without JavaScript.
 */
export function SearchFilters({ query, options }: { query: string; options: SearchOptions }) {
  const q = `/search?q=${encodeURIComponent(query)}`;
  return (
    <div className="mt-3 text-sm">
      <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="정렬">
        {(Object.keys(SORTS) as SearchSort[]).map((sort) => (
          <li key={sort}>
            <a
              href={`${q}${searchOptionsQuery({ ...options, sort })}`}
              aria-current={options.sort === sort ? "true" : undefined}
              className={options.sort === sort ? "font-bold text-brand" : "text-ink-soft hover:underline"}
            >
              {SORTS[sort]}
            </a>
          </li>
        ))}
      </ul>
      <form action="/search" method="get" className="mt-2 flex flex-wrap items-end gap-2" aria-label="기간과 분야">
        <input type="hidden" name="q" value={query} />
        {options.sort !== "relevance" && <input type="hidden" name="sort" value={options.sort} />}
        <label className="flex flex-col text-xs text-ink-soft">
          기간
          <select name="period" defaultValue={options.period} className="rounded border border-rule px-2 py-1 text-sm text-ink">
            {Object.entries(PERIODS).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <DateField label="시작일" name="from" value={options.from} />
        <DateField label="종료일" name="to" value={options.to} />
        <label className="flex flex-col text-xs text-ink-soft">
          분야
          <select
            name="section"
            defaultValue={options.section ?? ""}
            className="rounded border border-rule px-2 py-1 text-sm text-ink"
          >
            <option value="">전체</option>
            {SECTIONS.map((section) => (
              <option key={section.slug} value={section.slug}>
                {section.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-brand px-3 py-1 font-semibold text-brand hover:bg-brand-light">
          적용
        </button>
      </form>
    </div>
  );
}

/** A labelled date of the period (직접 입력), YYYY-MM-DD as the URL holds it. */
function DateField({ label, name, value }: { label: string; name: "from" | "to"; value: string | undefined }) {
  return (
    <label className="flex flex-col text-xs text-ink-soft">
      {label}
      <input type="date" name={name} defaultValue={value} className="rounded border border-rule px-2 py-1 text-sm text-ink" />
    </label>
  );
}
