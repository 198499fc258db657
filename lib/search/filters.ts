// Sort and period, as every Korean news search offers them (정확도순 / 최신순 / 오래된순; 전체, 1일, 1주,
// 1개월, 1년, 직접 입력) and section: read from the URL (so a filtered search is a link, crawlable and shared,
// and works without JavaScript), told back to the reader, and turned into what the engines filter on.
// Anything the URL says that cannot be read is left out with a Korean message: never an error, never slow.
import { SECTIONS, type SectionSlug } from "@/lib/site";

export const SORTS = { relevance: "정확도순", newest: "최신순", oldest: "오래된순" } as const;
export type SearchSort = keyof typeof SORTS;
export const PERIODS = { all: "전체", "1d": "1일", "1w": "1주", "1m": "1개월", "1y": "1년", custom: "직접 입력" } as const;
export type SearchPeriod = keyof typeof PERIODS;

/** What a search is filtered and sorted by, as the URL says it. Defaults are left out of URLs. */
export type SearchOptions = { sort: SearchSort; period: SearchPeriod; from?: string; to?: string; section?: SectionSlug };

/** What the engines filter on: publication time within [since, until], a section; and the order. */
export type SearchFilter = { sort: SearchSort; since?: number; until?: number; section?: SectionSlug };

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { sort: "relevance", period: "all" };

/** Whether a filter asks anything of the engine beyond the relevance ranking of every match. */
export const isFiltered = (filter: SearchFilter | undefined): filter is SearchFilter =>
  !!filter && (filter.sort !== "relevance" || filter.since !== undefined || filter.until !== undefined || !!filter.section);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Korean time, in which dates are given. */
const KST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** The first instant of a YYYY-MM-DD date in Korean time, or undefined when it is no date (2026-13-45). */
function startOfDay(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return utc - KST_OFFSET_MS;
}

/**
 * The options a URL's query names (`sort`, `period`, `from`, `to`, `section`), and a message for each value
 * that could not be read and was left out.
 */
export function readSearchOptions(param: (name: string) => string | undefined): { options: SearchOptions; problems: string[] } {
  const problems: string[] = [];
  const options: SearchOptions = { ...DEFAULT_SEARCH_OPTIONS };
  const sort = param("sort");
  if (sort && sort in SORTS) options.sort = sort as SearchSort;
  else if (sort) problems.push("정렬 방식을 알아볼 수 없어 정확도순으로 보여 드립니다.");
  const section = param("section");
  if (section && SECTIONS.some((s) => s.slug === section)) options.section = section as SectionSlug;
  else if (section) problems.push("없는 분야라서 모든 분야에서 찾았습니다.");
  const period = param("period");
  if (period && period in PERIODS) options.period = period as SearchPeriod;
  else if (period) problems.push("기간을 알아볼 수 없어 전체 기간에서 찾았습니다.");
  // Dates given without choosing 직접 입력 (the form's selects left as they were) mean those dates.
  if ((!period || period === "all") && (param("from") || param("to"))) options.period = "custom";
  if (options.period === "custom") {
    const [from, to] = [param("from") ?? "", param("to") ?? ""];
    const [since, until] = [startOfDay(from), startOfDay(to)];
    if ((from && since === undefined) || (to && until === undefined)) {
      problems.push("날짜를 알아볼 수 없어 전체 기간에서 찾았습니다. 날짜는 2008-11-09처럼 씁니다.");
      options.period = "all";
    } else if (since !== undefined && until !== undefined && since > until) {
      problems.push("기간의 시작이 끝보다 늦어 전체 기간에서 찾았습니다.");
      options.period = "all";
    } else if (since === undefined && until === undefined) options.period = "all";
    else Object.assign(options, from && { from }, to && { to });
  }
  return { options, problems };
}

/** What the engines filter on for `options` at `now` (the publication instant: 1일 is the day before it). */
export function searchFilter(options: SearchOptions, now: number): SearchFilter {
  const filter: SearchFilter = { sort: options.sort, ...(options.section && { section: options.section }) };
  const back = { "1d": DAY_MS, "1w": 7 * DAY_MS, "1m": 30 * DAY_MS, "1y": 365 * DAY_MS } as const;
  if (options.period in back) filter.since = now - back[options.period as keyof typeof back];
  if (options.period === "custom") {
    if (options.from) filter.since = startOfDay(options.from);
    if (options.to) filter.until = startOfDay(options.to)! + DAY_MS - 1;
  }
  return filter;
}

/** The options as URL parameters, defaults left out: `&sort=newest&period=1w`, or "". */
export function searchOptionsQuery(options: SearchOptions): string {
  const parts: [string, string | undefined][] = [
    ["sort", options.sort === "relevance" ? undefined : options.sort],
    ["period", options.period === "all" ? undefined : options.period],
    ["from", options.period === "custom" ? options.from : undefined],
    ["to", options.period === "custom" ? options.to : undefined],
    ["section", options.section],
  ];
  return parts.map(([name, value]) => (value ? `&${name}=${encodeURIComponent(value)}` : "")).join("");
}
