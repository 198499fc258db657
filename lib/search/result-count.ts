// How many results, as readers read it: one module with no imports, so the search page (lib/search/present.ts)
// and the search-as-you-type island (components/search/search-suggestions.tsx) say it alike without the
// island loading the highlighter.

/** "12건", or "약 76600건" for a total estimated from a sample (PostgreSQL, lib/archive/postgres.ts). */
export function resultCount({ total, totalIsEstimate }: { total: number; totalIsEstimate?: boolean }): string {
  return `${totalIsEstimate ? "약 " : ""}${total}건`;
}
