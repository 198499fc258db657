// Live data inside prerendered pages: cached per article (tag) and site-wide, invalidated by the writes that
// change them, at most once a second per tag however fast the writes come.
import { cacheLife, cacheTag, revalidateTag } from "next/cache";
import { kstToday } from "@/lib/dates";
import { getEngagement } from "@/lib/engagement";
import { invalidationCoalescer } from "@/lib/engagement/coalesce";
import type { PublicComment } from "@/lib/engagement/service";
import { articleTag, ENGAGEMENT_TAG, LATEST_TAG } from "@/lib/engagement/tags";

export type ArticleEngagement = { shares: number; commentCount: number; comments: PublicComment[]; available: boolean };

/**
 * Share count and first page of comments of one article. Cached with the page and invalidated by the
 * writes (revalidateTag), so the page stays static and a new comment shows on the next request.
 */
export async function getArticleEngagement(slug: string): Promise<ArticleEngagement> {
  "use cache";
  cacheTag(articleTag(slug), ENGAGEMENT_TAG);
  try {
    const { service } = await getEngagement();
    const [shares, list] = await Promise.all([service.shareCount(slug), service.listComments(slug)]);
    cacheLife("hours");
    return { shares, commentCount: list.total, comments: list.comments, available: true };
  } catch (error) {
    // A database outage must not break the article: show it without live parts and retry soon.
    console.error(`engagement for ${slug} unavailable`, error);
    cacheLife("minutes");
    return { shares: 0, commentCount: 0, comments: [], available: false };
  }
}

/** 실시간 댓글 and Hot's read counts for the sidebar: site-wide, refreshed on every comment and each minute. */
export async function getSidebarLive(
  limit: number,
): Promise<{ latest: (PublicComment & { articleSlug: string })[]; mostRead: string[]; at: number }> {
  "use cache";
  cacheTag(LATEST_TAG, ENGAGEMENT_TAG);
  cacheLife("minutes");
  const at = Date.now();
  try {
    const { service } = await getEngagement();
    const weekAgo = kstToday(new Date(at - 6 * 86_400_000));
    const [latest, mostRead] = await Promise.all([service.latestComments(limit), service.mostRead(weekAgo, limit)]);
    return { latest, mostRead: mostRead.map((r) => r.slug), at };
  } catch (error) {
    console.error("sidebar live data unavailable", error);
    return { latest: [], mostRead: [], at };
  }
}

// Once a second: a new comment still reaches readers within the 2-second target through nginx's 1 s cache,
// and a flood of writes costs each page one regeneration a second instead of one per write.
const invalidate = invalidationCoalescer(1000, (tag) => revalidateTag(tag, { expire: 0 }));

/** After a comment is posted, deleted, hidden or restored: the article's live parts and 실시간 댓글. */
export async function invalidateComments(slug: string): Promise<void> {
  await Promise.all([invalidate(articleTag(slug)), invalidate(LATEST_TAG)]);
}

/** After a counted share: the article's live parts only (no sidebar shows share counts). */
export async function invalidateShares(slug: string): Promise<void> {
  await invalidate(articleTag(slug));
}
