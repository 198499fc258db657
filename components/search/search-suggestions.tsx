"use client";
// Search-as-you-type results under the header box, fed by GET /api/search; loaded on first focus.
import { useEffect, useState } from "react";
import { resultCount } from "@/lib/search/result-count";

type Suggestion = { slug: string; title: string; sectionName: string; date: string };
/** What the page says about a rewritten query (lib/search/present.ts rewriteLines), as /api/search sends it. */
type Note = { text: string; link?: { label: string; query: string } };

const DEBOUNCE_MS = 150;

export default function SearchSuggestions({ query }: { query: string }) {
  const [results, setResults] = useState<{
    query: string;
    items: Suggestion[];
    count: string;
    total: number;
    notes: Note[];
    searchedFor: string | null;
  } | null>(null);
  const trimmed = query.trim();

  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(trimmed)}&limit=5`, { signal: controller.signal });
        if (!response.ok) return;
        const data = (await response.json()) as {
          results: Suggestion[];
          total: number;
          totalIsEstimate: boolean;
          notes: Note[];
          searchedFor: string | null;
        };
        setResults({
          query: trimmed,
          items: data.results,
          count: resultCount(data),
          total: data.total,
          notes: data.notes,
          searchedFor: data.searchedFor,
        });
      } catch (error) {
        if ((error as Error).name !== "AbortError") console.warn("search suggestions failed", error);
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [trimmed]);

  const current = trimmed && results?.query === trimmed ? results : null;
  return (
    <div className="absolute top-full right-0 left-0 z-30 mt-1">
      <p aria-live="polite" className="sr-only">
        {current ? `검색 결과 ${current.count}` : ""}
      </p>
      {current && (
        <ul className="rounded border border-rule bg-white text-sm shadow-lg">
          {current.notes.map((note) => (
            <li key={note.text} className="border-b border-rule px-3 py-2 text-xs text-ink-soft">
              {note.text}{" "}
              {note.link && (
                <a href={`/search?q=${encodeURIComponent(note.link.query)}`} className="font-semibold text-brand underline">
                  {note.link.label}
                </a>
              )}
            </li>
          ))}
          {current.items.length === 0 && <li className="px-3 py-2 text-ink-soft">검색 결과가 없습니다</li>}
          {current.items.map((item) => (
            <li key={item.slug}>
              <a href={`/articles/${item.slug}`} className="block px-3 py-2 hover:bg-brand-light focus:bg-brand-light">
                <span className="block font-semibold">{item.title}</span>
                <span className="text-xs text-ink-faint">{item.sectionName}</span>
              </a>
            </li>
          ))}
          {current.total > current.items.length && (
            <li>
              <a
                href={`/search?q=${encodeURIComponent(current.searchedFor ?? current.query)}`}
                className="block px-3 py-2 text-brand hover:bg-brand-light"
              >
                결과 {current.count} 모두 보기
              </a>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
