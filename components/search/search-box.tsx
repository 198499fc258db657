"use client";
// The header search form. It is a plain GET form to /search (works without JavaScript); suggestions as
// you type load only when a reader focuses the box, so pages carry none of that code until then.
import { lazy, Suspense, useState } from "react";

const SearchSuggestions = lazy(() => import("@/components/search/search-suggestions"));

export function SearchBox() {
  const [active, setActive] = useState(false);
  const [query, setQuery] = useState("");
  return (
    <form
      action="/search"
      method="get"
      role="search"
      aria-label="기사 검색"
      className="relative flex w-full max-w-xs items-center gap-1"
    >
      <label htmlFor="site-search" className="sr-only">
        검색어
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onFocus={() => setActive(true)}
        autoComplete="off"
        maxLength={200}
        placeholder="기사 검색"
        className="w-full min-w-0 rounded border border-rule px-2 py-1.5 text-sm"
      />
      <button
        type="submit"
        className="shrink-0 rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark"
      >
        검색
      </button>
      {active && (
        <Suspense fallback={null}>
          <SearchSuggestions query={query} />
        </Suspense>
      )}
    </form>
  );
}
