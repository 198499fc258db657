// 관련기사 ranking: pure and deterministic, like Hugo's weighted related content.
import type { Article } from "@/lib/content/schema";

/**
 * Points a candidate earns. An editor's explicit choice always wins; then parts of the same series;
 * then each shared tag; then the same section. Ties go to the newer article, then to the slug.
 */
export const RELATED_WEIGHTS = { explicit: 1000, series: 30, tag: 10, section: 3 } as const;

/** Score of `candidate` as related to `article`; 0 means unrelated. `tags` is `article.tags` as a set. */
export function relatedScore(article: Article, candidate: Article, tags: ReadonlySet<string> = new Set(article.tags)): number {
  if (candidate.slug === article.slug) return 0;
  let score = 0;
  const explicitIndex = article.related.indexOf(candidate.slug);
  // Earlier in the editor's list ranks higher.
  if (explicitIndex !== -1) score += RELATED_WEIGHTS.explicit - explicitIndex;
  if (article.series && candidate.series === article.series) score += RELATED_WEIGHTS.series;
  for (const tag of candidate.tags) if (tags.has(tag)) score += RELATED_WEIGHTS.tag;
  if (candidate.section === article.section) score += RELATED_WEIGHTS.section;
  return score;
}

/** The `limit` best related articles among `candidates` (published ones only), best first. */
export function rankRelated(article: Article, candidates: Iterable<Article>, limit: number): Article[] {
  const tags = new Set(article.tags);
  const scored: { candidate: Article; score: number; time: number }[] = [];
  for (const candidate of candidates) {
    const score = relatedScore(article, candidate, tags);
    if (score > 0) scored.push({ candidate, score, time: Date.parse(candidate.date) });
  }
  scored.sort((a, b) => b.score - a.score || b.time - a.time || a.candidate.slug.localeCompare(b.candidate.slug));
  return scored.slice(0, limit).map((s) => s.candidate);
}
