// Cache tags of the live parts: per article, 실시간 댓글, and one over all of them.

export const articleTag = (slug: string) => `engagement:${slug}`;
export const LATEST_TAG = "comments:latest";
/**
 * On every live part. Expired when a server starts, so pages prerendered at build (or cached before a
 * restart) show the comments of the database this server uses, not of the one the build saw.
 */
export const ENGAGEMENT_TAG = "engagement";
