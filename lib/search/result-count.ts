// How many results, as readers read it: one module with no imports, so the search page (lib/search/present.ts)
// and the search-as-you-type island (components/search/search-suggestions.tsx) say it alike without the
// island loading the highlighter.

/**
 * "12건", "1,234건", or "약 76,600건" for a total estimated from a sample (lib/archive/estimate.ts): digits
 * grouped by thousands, as Korean papers print counts.
 */
export function resultCount({ total, totalIsEstimate }: { total: number; totalIsEstimate?: boolean }): string {
  return `${totalIsEstimate ? "약 " : ""}${total.toLocaleString("ko-KR")}건`;
}
