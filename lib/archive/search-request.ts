// The parameters both engines' search statements share, from what a reader typed.
import { parseQuery } from "@/lib/search-core/normalize";
import { maxRepeatPoints } from "@/lib/search-core/ranking";

/**
 * A query's terms and the parameters both engines' search statements share: each term as @t0, @t1, …;
 * @now; the page (@offset, @limit) and the place it ends at (@place); @bonus, what repeats in the body
 * can add at most.
 */
export function searchRequest(raw: string, now: number, offset: number, limit: number) {
  const { terms, display } = parseQuery(raw);
  const params: Record<string, unknown> = {
    now,
    offset,
    limit,
    place: offset + limit,
    bonus: maxRepeatPoints(terms.length),
  };
  terms.forEach((term, i) => (params[`t${i}`] = term));
  return { terms, display, params };
}
