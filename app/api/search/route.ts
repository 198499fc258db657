import { searchPublished } from "@/lib/articles";
import { MAX_API_LIMIT, MAX_SEARCH_RESULTS, pastSearchDepth, RESULTS_PER_PAGE, searchJson } from "@/lib/search/present";
import { readSearchOptions } from "@/lib/search/filters";
import { queryNumber } from "@/lib/urls";

/**
 * GET /api/search?q=…&page=…&limit=…[&sort=…&period=…&from=…&to=…&section=…]: ranked (or sorted, filtered)
 * results as JSON, with the options read and a Korean message for each that was not; any query is answered.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const limit = Math.min(MAX_API_LIMIT, queryNumber(url.searchParams.get("limit") ?? String(RESULTS_PER_PAGE)));
  const page = queryNumber(url.searchParams.get("page"));
  if (pastSearchDepth((page - 1) * limit))
    return Response.json(
      { error: `results are served up to the ${MAX_SEARCH_RESULTS}th: narrow the query` },
      { status: 400, headers: { "Cache-Control": "public, max-age=3600" } },
    );
  const { options, problems } = readSearchOptions((name) => url.searchParams.get(name) ?? undefined);
  const result = await searchPublished(url.searchParams.get("q") ?? "", (page - 1) * limit, limit, options);
  return Response.json(
    { ...searchJson(result), options, problems },
    { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } },
  );
}
