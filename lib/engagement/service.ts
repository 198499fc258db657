// Reader engagement over one database: comments, moderation and counters, composed behind one interface.
// Route handlers parse requests and call these; nothing else touches the engagement tables.
import type { Db } from "@/lib/db";
import { commentService } from "@/lib/engagement/comments";
import { engagementConfig } from "@/lib/engagement/config";
import { counterService } from "@/lib/engagement/counters";
import { moderationService } from "@/lib/engagement/moderation";

export { EngagementError } from "@/lib/engagement/errors";
export type { AdminComment, PublicComment } from "@/lib/engagement/store";

export type EngagementService = ReturnType<typeof engagementService>;

/** The engagement rules bound to one database, one set of limits and one clock. */
export function engagementService(db: Db, config = engagementConfig, now: () => number = Date.now) {
  return { ...commentService(db, config, now), ...moderationService(db, config, now), ...counterService(db) };
}
