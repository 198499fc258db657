// Reports by readers and decisions by moderators, every action logged.
import { writeTransaction, type Db } from "@/lib/db";
import type { CommentStatus } from "@/lib/db/schema";
import type { EngagementConfig } from "@/lib/engagement/config";
import { EngagementError, NOT_FOUND_COMMENT } from "@/lib/engagement/errors";
import { reachesReportThreshold } from "@/lib/engagement/rules";
import { COMMENT_COLUMNS, toAdmin, type AdminComment } from "@/lib/engagement/store";

/** Moderation bound to one database, limits and clock. */
export function moderationService(db: Db, config: EngagementConfig, now: () => number) {
  const k = db.kysely;
  return {
    /**
     * One report per reader per comment; enough reports hide it for review. 404 for a comment readers cannot
     * see (unknown, hidden or deleted: whether a hidden one exists is not revealed). Returns the article.
     */
    async reportComment(id: number, clientKey: string): Promise<{ articleSlug: string; hidden: boolean }> {
      return writeTransaction(db, `report:${id}`, async (trx) => {
        const row = await trx.selectFrom("comments").select(["article_slug", "status"]).where("id", "=", id).executeTakeFirst();
        if (!row || row.status !== "visible") throw new EngagementError(404, NOT_FOUND_COMMENT);
        const inserted = await trx
          .insertInto("comment_reports")
          .values({ comment_id: id, client_key: clientKey, created_at: now() })
          .onConflict((oc) => oc.columns(["comment_id", "client_key"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { articleSlug: row.article_slug, hidden: false };
        const updated = await trx
          .updateTable("comments")
          .set((eb) => ({ report_count: eb("report_count", "+", 1) }))
          .where("id", "=", id)
          .returning("report_count")
          .executeTakeFirstOrThrow();
        const hide = reachesReportThreshold(row.status, Number(updated.report_count), config.reportThreshold);
        if (hide) {
          await trx.updateTable("comments").set({ status: "hidden" }).where("id", "=", id).execute();
          await trx
            .insertInto("moderation_log")
            .values({ comment_id: id, action: "auto-hide", actor: "reports", created_at: now() })
            .execute();
        }
        return { articleSlug: row.article_slug, hidden: hide };
      });
    },

    /** A moderator hides, restores or deletes a comment; every action is logged. Returns the article. */
    async moderate(id: number, action: "hide" | "restore" | "delete", actor: string): Promise<string> {
      return writeTransaction(db, `moderate:${id}`, async (trx) => {
        const row = await trx.selectFrom("comments").select("article_slug").where("id", "=", id).executeTakeFirst();
        if (!row) throw new EngagementError(404, NOT_FOUND_COMMENT);
        const status: CommentStatus = action === "hide" ? "hidden" : action === "restore" ? "visible" : "deleted";
        await trx
          .updateTable("comments")
          .set(action === "restore" ? { status, report_count: 0 } : { status })
          .where("id", "=", id)
          .execute();
        if (action === "restore") await trx.deleteFrom("comment_reports").where("comment_id", "=", id).execute();
        await trx.insertInto("moderation_log").values({ comment_id: id, action, actor, created_at: now() }).execute();
        return row.article_slug;
      });
    },

    /** For /admin: the newest comments of every status, and those with reports (most reported first). */
    async adminLists(limit = 50): Promise<{ recent: AdminComment[]; reported: AdminComment[] }> {
      const [recent, reported] = await Promise.all([
        k
          .selectFrom("comments")
          .select(COMMENT_COLUMNS)
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(limit)
          .execute(),
        k
          .selectFrom("comments")
          .select(COMMENT_COLUMNS)
          .where("report_count", ">", 0)
          .where("status", "!=", "deleted")
          .orderBy("report_count", "desc")
          .orderBy("created_at", "desc")
          .limit(limit)
          .execute(),
      ]);
      return { recent: recent.map(toAdmin), reported: reported.map(toAdmin) };
    },

    /** The moderation log, newest first. */
    async moderationLog(limit = 50) {
      return k.selectFrom("moderation_log").selectAll().orderBy("id", "desc").limit(limit).execute();
    },
  };
}
