// The stretch of an article a search result shows, with the query's terms marked: matched as search
// matches them, ignoring spacing and case.
import { compactWithMap } from "@/lib/search-core/normalize";

export type Snippet = { text: string; highlights: [number, number][] };

/**
 * A stretch of `text` (at most `width` characters) around the first match of any term, with every match
 * in it as [start, end) offsets into the returned text. Matching ignores spacing and case, like search.
 */
export function highlight(text: string, terms: string[], width = 120): Snippet {
  const source = text.replace(/\s+/g, " ").trim();
  const { compact: folded, origin } = compactWithMap(source);
  const matches: [number, number][] = [];
  for (const term of terms) {
    let from = folded.indexOf(term);
    while (from !== -1) {
      matches.push([origin[from]!, origin[from + term.length - 1]! + 1]);
      from = folded.indexOf(term, from + term.length);
    }
  }
  matches.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Overlapping matches of different terms become one highlight.
  const merged: [number, number][] = [];
  for (const match of matches) {
    const last = merged[merged.length - 1];
    if (last && match[0] <= last[1]) last[1] = Math.max(last[1], match[1]);
    else merged.push([...match]);
  }
  const first = matches[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), source.length - width));
  const end = Math.min(source.length, start + width);
  const prefix = start > 0 ? "…" : "";
  const highlights = merged
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: `${prefix}${source.slice(start, end)}${end < source.length ? "…" : ""}`, highlights };
}
