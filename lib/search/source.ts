// What search asks of the archive it searches, and what it gets back: the part of the archive's contract
// (lib/archive/reader.ts, which extends it) that search's own rules (lib/search/understand.ts) read, so
// lib/search needs nothing from lib/archive.
import type { ArticleCard } from "@/lib/content/schema";
import type { SearchFilter } from "@/lib/search/filters";

export type ArchiveSearchHit = { article: ArticleCard; plainText: string; score: number; time: number };
/**
 * A page of search results. `totalIsEstimate`: the total was estimated from a sample (a common query, on
 * either engine: lib/archive/estimate.ts; in PostgreSQL also a longer term's doubtful matches,
 * VERIFIED_AT_MOST in lib/archive/postgres/search-counts.ts); readers see it as "약 N건".
 */
export type ArchiveSearchResult = {
  terms: string[];
  display: string;
  total: number;
  totalIsEstimate?: true;
  /**
   * The search's budget (lib/archive/search-budget.ts) ran out before every match could be weighed: the
   * hits are the best of those read (the best states' and the newest), and readers are told so.
   */
  rankingIsPartial?: true;
  hits: ArchiveSearchHit[];
};

/** An archive search runs on. */
export interface SearchSource {
  /**
   * Articles matching every term of `raw`, ranked (lib/search-core/ranking.ts), or as `filter` sorts and narrows
   * them (lib/search/filters.ts); a `limit` of 0 only counts them, estimating from the sample sooner than a
   * search does (COUNT_ONLY_ESTIMATE_FROM, lib/archive/estimate.ts) but never a count of matches as zero.
   */
  search(raw: string, now: number, offset?: number, limit?: number, filter?: SearchFilter): Promise<ArchiveSearchResult>;
  /** The archive's words as the build stored them (lib/search/vocabulary.ts). */
  vocabulary(): Promise<string>;
  /** Headline abbreviations and their words (content/search-abbreviations.yaml), as the build stored them. */
  abbreviations(): Promise<Record<string, string>>;
}
