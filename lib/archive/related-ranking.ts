// 관련기사 ranking over candidates both engines hand over best bound first (lib/archive/sqlite/reader.ts,
// lib/archive/postgres/related.ts): keeps the best and says when no later candidate can place.
import type { Article } from "@/lib/content/schema";
import type { SectionSlug } from "@/lib/site";
import { rankRelated, relatedScore } from "@/lib/related";
import type { RelationFacts } from "@/lib/archive/reader";

/** A 관련기사 candidate as the queries hand it over: its facts and a bound no lower than its score. */
export type RelatedCandidateRow = { slug: string; time: number; section: SectionSlug; relation: string; bound: number };

/**
 * lib/related.ts `rankRelated` over candidates offered best bound first (then newest, then by slug): keeps
 * the `limit` best and says when no later candidate can place.
 */
export class RelatedRanking {
  best: RelationFacts[] = [];

  constructor(
    private readonly article: Article,
    private readonly limit: number,
  ) {}

  /** Ranks `row` in; false once it, and so every later row, cannot place. */
  offer(row: RelatedCandidateRow): boolean {
    const { article, limit } = this;
    if (this.best.length === limit) {
      const last = this.best[limit - 1]!;
      const lastScore = relatedScore(article, last);
      const lastTime = Date.parse(last.date);
      // Later rows have a lower bound, or the same bound and an older date (or a later slug): none can rank first.
      if (
        row.bound < lastScore ||
        (row.bound === lastScore && (row.time < lastTime || (row.time === lastTime && row.slug > last.slug)))
      ) {
        return false;
      }
    }
    const relation = JSON.parse(row.relation) as { tags: string[]; series: string | null };
    const candidate = {
      slug: row.slug,
      date: new Date(row.time).toISOString(),
      section: row.section,
      tags: relation.tags,
      series: relation.series ?? undefined,
    };
    this.best = rankRelated(article, [...this.best, candidate], limit);
    return true;
  }
}
