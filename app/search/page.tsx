import type { Metadata } from "next";
import { WithSidebar } from "@/components/layout/with-sidebar";
import { Pagination } from "@/components/listing/pagination";
import { SearchResults } from "@/components/search/search-results";
import { Sidebar } from "@/components/sidebar/sidebar";
import { SearchFilters } from "@/components/search/search-filters";
import { SearchRewriteNote } from "@/components/search/search-rewrite-note";
import { getSidebar, searchPublished } from "@/lib/articles";
import { readSearchOptions, searchOptionsQuery } from "@/lib/search/filters";
import { parseQuery } from "@/lib/search-core/normalize";
import { MAX_SEARCH_PAGES, PARTIAL_RANKING_NOTE, pastSearchDepth, presentHits, RESULTS_PER_PAGE } from "@/lib/search/present";
import { resultCount } from "@/lib/search/result-count";
import { pageMetadata } from "@/lib/seo/metadata";
import { queryNumber } from "@/lib/urls";

// Results depend on the query string and are rendered whole on the server, so they read without
// JavaScript; a streamed Suspense boundary would leave them hidden until a script revealed them.
export const instant = false;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = first((await searchParams).q)
    ?.trim()
    .slice(0, 100);
  return pageMetadata({ title: q ? `‘${q}’ 검색 결과` : "기사 검색", description: "충북일보 기사 검색", canonical: "/search" });
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = first(params.q) ?? "";
  const { options, problems } = readSearchOptions((name) => first(params[name]));
  const optionsQuery = searchOptionsQuery(options);
  const page = queryNumber(first(params.page));
  // Past the last page a search is read to, nothing is searched: the reader is told to narrow it.
  const beyond = pastSearchDepth((page - 1) * RESULTS_PER_PAGE);
  const [result, sidebar] = await Promise.all([
    beyond
      ? { ...parseQuery(query), total: 0, hits: [], leftOut: [], related: [] }
      : searchPublished(query, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE, options),
    getSidebar(),
  ]);
  const pageCount = Math.min(MAX_SEARCH_PAGES, Math.max(1, Math.ceil(result.total / RESULTS_PER_PAGE)));
  // Pages of a rewritten search stay on what was searched, so page 2 is page 2 of the same results.
  const searched = "searchedFor" in result && result.searchedFor ? result.searchedFor.query : result.display;
  return (
    <WithSidebar sidebar={<Sidebar {...sidebar} />}>
      <h1 className="font-serif text-2xl font-bold">기사 검색</h1>
      <form action="/search" method="get" role="search" aria-label="검색 결과 안에서 다시 검색" className="mt-3 flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          검색어
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={result.display}
          maxLength={200}
          className="w-full rounded border border-rule px-3 py-2"
        />
        <button
          type="submit"
          className="shrink-0 rounded bg-brand px-4 py-2 font-semibold whitespace-nowrap text-white hover:bg-brand-dark"
        >
          검색
        </button>
      </form>
      {result.terms.length > 0 && beyond ? (
        <p className="mt-6 border-b-2 border-ink pb-2 text-sm" role="status">
          검색 결과는 {MAX_SEARCH_PAGES}쪽까지 볼 수 있습니다. 검색어를 더 자세히 입력하거나{" "}
          <a href={`/search?q=${encodeURIComponent(result.display)}`} className="underline">
            첫 쪽
          </a>
          부터 보세요.
        </p>
      ) : result.terms.length === 0 ? (
        <p className="mt-6 text-ink-soft">
          검색어를 입력해 주세요. 띄어쓰기가 달라도 찾고, 따옴표(&quot;…&quot;)로 묶은 말은 그대로 찾습니다.
        </p>
      ) : (
        <>
          <p className="mt-6 border-b-2 border-ink pb-2 text-sm" role="status">
            ‘{searched}’ 검색 결과 {resultCount(result)}
            {pageCount > 1 && ` · ${page}/${pageCount}쪽`}
          </p>
          <SearchFilters query={searched} options={options} />
          {problems.map((problem) => (
            <p key={problem} className="mt-2 text-sm text-ink-soft" role="note">
              {problem}
            </p>
          ))}
          <SearchRewriteNote typed={result.display} result={result} optionsQuery={optionsQuery} />
          {result.total === 0 ? (
            <div className="py-6">
              <p className="font-semibold">검색 결과가 없습니다</p>
              {result.related.length > 0 && (
                <>
                  <p className="mt-3 text-sm text-ink-soft">이런 관련어로 찾아보세요:</p>
                  <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                    {result.related.map((word) => (
                      <li key={word}>
                        <a
                          href={`/search?q=${encodeURIComponent(word)}`}
                          className="inline-block rounded-full bg-gray-100 px-3 py-1 hover:bg-brand-light"
                        >
                          {word}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : (
            <>
              {"rankingIsPartial" in result && result.rankingIsPartial && (
                <p className="mt-3 text-sm text-ink-soft">{PARTIAL_RANKING_NOTE}</p>
              )}
              <SearchResults items={presentHits(result)} />
            </>
          )}
          <Pagination
            page={page}
            pageCount={pageCount}
            pathOf={(n) => `/search?q=${encodeURIComponent(searched)}${optionsQuery}${n > 1 ? `&page=${n}` : ""}`}
          />
        </>
      )}
    </WithSidebar>
  );
}
