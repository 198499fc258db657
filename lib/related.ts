// 관련기사 ranking: pure and deterministic, like Hugo's weighted related content.
import type { Article } from "@/lib/content/schema";
import { oncePer } from "@/lib/memo";

/**
 * Points a candidate earns. An editor's explicit choice always wins; then parts of the same series;
 * then each shared tag; then the same section. Ties go to the newer article, then to the slug.
 */
export const RELATED_WEIGHTS = { explicit: 1000, series: 30, tag: 10, section: 3 } as const;

/** Score of `candidate` as related to `article`; 0 means unrelated. `tags` is `article.tags` as a set. */
/** What ranking reads of a candidate. */
export type RelatedCandidate = Pick<Article, "slug" | "date" | "section" | "tags" | "series">;

export function relatedScore(
  article: Article,
  candidate: RelatedCandidate,
  tags: ReadonlySet<string> = new Set(article.tags),
): number {
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

type Scored<C> = { candidate: C; score: number; time: number };

/** Articles never change after loading: parse each date once, not once per article it is a candidate for. */
const publishedTime = oncePer((article: RelatedCandidate) => Date.parse(article.date));

/** Higher score first, then newer, then by slug. */
function ranksBefore<C extends RelatedCandidate>(a: Scored<C>, b: Scored<C>): boolean {
  return a.score !== b.score
    ? a.score > b.score
    : a.time !== b.time
      ? a.time > b.time
      : a.candidate.slug.localeCompare(b.candidate.slug) < 0;
}

/**
 * The `limit` best related articles among `candidates` (published ones only), best first. Keeps only the
 * best `limit` while scanning (a popular tag makes thousands of candidates; sorting them all cost more).
 */
export function rankRelated<C extends RelatedCandidate>(article: Article, candidates: Iterable<C>, limit: number): C[] {
  if (limit <= 0) return [];
  const tags = new Set(article.tags);
  const best: Scored<C>[] = [];
  for (const candidate of candidates) {
    const score = relatedScore(article, candidate, tags);
    if (score === 0) continue;
    const entry = { candidate, score, time: publishedTime(candidate) };
    if (best.length === limit && !ranksBefore(entry, best[limit - 1]!)) continue;
    let index = best.length === limit ? limit - 1 : best.length;
    while (index > 0 && ranksBefore(entry, best[index - 1]!)) {
      best[index] = best[index - 1]!;
      index--;
    }
    best[index] = entry;
  }
  return best.map((s) => s.candidate);
}
