import { searchPublished } from "@/lib/articles";
import { MAX_API_LIMIT, MAX_SEARCH_RESULTS, pastSearchDepth, RESULTS_PER_PAGE, searchJson } from "@/lib/search/present";
import { queryNumber } from "@/lib/urls";

/** GET /api/search?q=…&page=…&limit=…: ranked results as JSON; any query, however odd, is answered. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const limit = Math.min(MAX_API_LIMIT, queryNumber(url.searchParams.get("limit") ?? String(RESULTS_PER_PAGE)));
  const page = queryNumber(url.searchParams.get("page"));
  if (pastSearchDepth((page - 1) * limit))
    return Response.json(
      { error: `results are served up to the ${MAX_SEARCH_RESULTS}th: narrow the query` },
      { status: 400, headers: { "Cache-Control": "public, max-age=3600" } },
    );
  const result = await searchPublished(url.searchParams.get("q") ?? "", (page - 1) * limit, limit);
  return Response.json(searchJson(result), { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } });
}
