// Reader engagement rules over the database: comments (post, list, delete, report, moderate), shares, reads.
// Route handlers parse requests and call these; nothing else touches the engagement tables.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { writeTransaction, type Db } from "@/lib/db";
import type { CommentStatus } from "@/lib/db/schema";
import { engagementConfig } from "@/lib/engagement/config";
import { checkComment } from "@/lib/engagement/rules";
import { hashPassword, verifyPassword } from "@/lib/engagement/secrets";

/** A refusal a reader can act on: HTTP status and a Korean message. */
export class EngagementError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "EngagementError";
  }
}

export type PublicComment = {
  id: number;
  nickname: string;
  body: string;
  createdAt: string;
  parentId: number | null;
  replies?: PublicComment[];
};

export type AdminComment = PublicComment & { articleSlug: string; status: CommentStatus; reportCount: number };

type Row = {
  id: number;
  article_slug: string;
  parent_id: number | null;
  nickname: string;
  body: string;
  created_at: number;
  status: CommentStatus;
  report_count: number;
};

const toPublic = (row: Row): PublicComment => ({
  id: Number(row.id),
  nickname: row.nickname,
  body: row.body,
  createdAt: new Date(Number(row.created_at)).toISOString(),
  parentId: row.parent_id === null ? null : Number(row.parent_id),
});

const DAY_MS = 86_400_000;

export type EngagementService = ReturnType<typeof engagementService>;

/** The engagement rules bound to one database and one set of limits. */
export function engagementService(db: Db, config = engagementConfig, now: () => number = Date.now) {
  const k = db.kysely;

  return {
    /**
     * Stores a comment, or returns the one an identical earlier request stored (same idempotency key).
     * Refuses with EngagementError: 400 bad input or parent, 429 too soon or too many today.
     */
    async postComment(slug: string, raw: Record<string, unknown>, clientKey: string, idempotencyKey?: string) {
      const checked = checkComment(raw, config);
      if (!checked.ok) throw new EngagementError(400, checked.error);
      const input = checked.value;
      const key =
        idempotencyKey?.slice(0, 100) ||
        createHash("sha256")
          .update([clientKey, slug, input.parentId ?? "", input.nickname, input.body].join("\u0000"))
          .digest("base64url");
      const passwordHash = await hashPassword(input.password);
      return writeTransaction(db, `comment:${clientKey}`, async (trx) => {
        const existing = await trx.selectFrom("comments").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
        if (existing) {
          if (existing.article_slug !== slug || existing.client_key !== clientKey)
            throw new EngagementError(409, "이미 처리된 요청입니다.");
          return { comment: toPublic(existing), created: false };
        }
        if (input.parentId !== null) {
          const parent = await trx
            .selectFrom("comments")
            .select(["article_slug", "parent_id", "status"])
            .where("id", "=", input.parentId)
            .executeTakeFirst();
          if (!parent || parent.article_slug !== slug || parent.status !== "visible")
            throw new EngagementError(400, "답글을 달 댓글을 찾을 수 없습니다.");
          if (parent.parent_id !== null) throw new EngagementError(400, "답글에는 다시 답글을 달 수 없습니다.");
        }
        const at = now();
        const recent = await trx
          .selectFrom("comments")
          .select([sql<number>`count(*)`.as("count"), sql<number | null>`max(created_at)`.as("last")])
          .where("client_key", "=", clientKey)
          .where("created_at", ">", at - DAY_MS)
          .executeTakeFirstOrThrow();
        const last = recent.last === null ? null : Number(recent.last);
        if (last !== null && at - last < config.minIntervalSeconds * 1000) {
          const wait = Math.ceil((config.minIntervalSeconds * 1000 - (at - last)) / 1000);
          throw new EngagementError(
            429,
            `댓글은 ${config.minIntervalSeconds}초에 한 번 쓸 수 있습니다. ${wait}초 뒤에 다시 시도해 주세요.`,
          );
        }
        if (Number(recent.count) >= config.dailyLimit)
          throw new EngagementError(429, `하루에 쓸 수 있는 댓글 ${config.dailyLimit}개를 모두 썼습니다.`);
        const row = await trx
          .insertInto("comments")
          .values({
            article_slug: slug,
            parent_id: input.parentId,
            nickname: input.nickname,
            body: input.body,
            password_hash: passwordHash,
            client_key: clientKey,
            status: "visible",
            idempotency_key: key,
            created_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { comment: toPublic(row), created: true };
      });
    },

    /** Visible comments of an article: top level paged (newest or oldest first), each with its replies oldest first. */
    async listComments(slug: string, options: { order?: "newest" | "oldest"; page?: number; perPage?: number } = {}) {
      const perPage = options.perPage ?? config.commentsPerPage;
      const page = Math.max(1, options.page ?? 1);
      const direction = options.order === "oldest" ? "asc" : "desc";
      const [top, total] = await Promise.all([
        k
          .selectFrom("comments")
          .selectAll()
          .where("article_slug", "=", slug)
          .where("status", "=", "visible")
          .where("parent_id", "is", null)
          .orderBy("created_at", direction)
          .orderBy("id", direction)
          .limit(perPage)
          .offset((page - 1) * perPage)
          .execute(),
        this.commentCount(slug),
      ]);
      const ids = top.map((row) => row.id);
      const replies = ids.length
        ? await k
            .selectFrom("comments")
            .selectAll()
            .where("parent_id", "in", ids)
            .where("status", "=", "visible")
            .orderBy("created_at", "asc")
            .orderBy("id", "asc")
            .execute()
        : [];
      const comments = top.map((row) => ({
        ...toPublic(row),
        replies: replies.filter((r) => Number(r.parent_id) === Number(row.id)).map(toPublic),
      }));
      return { comments, total };
    },

    /** Visible comments of an article, replies included (what "N개의 댓글" counts). */
    async commentCount(slug: string): Promise<number> {
      const row = await k
        .selectFrom("comments")
        .select(sql<number>`count(*)`.as("n"))
        .where("article_slug", "=", slug)
        .where("status", "=", "visible")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The author deletes their comment with its password: 404 unknown, 403 wrong password. Returns the article. */
    async deleteComment(id: number, password: unknown): Promise<string> {
      const row = await k
        .selectFrom("comments")
        .select(["article_slug", "password_hash", "status"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row || row.status === "deleted") throw new EngagementError(404, "댓글을 찾을 수 없습니다.");
      if (typeof password !== "string" || !(await verifyPassword(password, row.password_hash)))
        throw new EngagementError(403, "비밀번호가 맞지 않습니다.");
      // What the author wrote goes; the row stays so limits and replies keep their history.
      await k.updateTable("comments").set({ status: "deleted", nickname: "", body: "" }).where("id", "=", id).execute();
      return row.article_slug;
    },

    /** One report per reader per comment; enough reports hide it for review. Returns the article. */
    async reportComment(id: number, clientKey: string): Promise<{ articleSlug: string; hidden: boolean }> {
      return writeTransaction(db, `report:${id}`, async (trx) => {
        const row = await trx.selectFrom("comments").select(["article_slug", "status"]).where("id", "=", id).executeTakeFirst();
        if (!row || row.status === "deleted") throw new EngagementError(404, "댓글을 찾을 수 없습니다.");
        const inserted = await trx
          .insertInto("comment_reports")
          .values({ comment_id: id, client_key: clientKey, created_at: now() })
          .onConflict((oc) => oc.columns(["comment_id", "client_key"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
          return { articleSlug: row.article_slug, hidden: row.status === "hidden" };
        const updated = await trx
          .updateTable("comments")
          .set((eb) => ({ report_count: eb("report_count", "+", 1) }))
          .where("id", "=", id)
          .returning("report_count")
          .executeTakeFirstOrThrow();
        const hide = row.status === "visible" && Number(updated.report_count) >= config.reportThreshold;
        if (hide) {
          await trx.updateTable("comments").set({ status: "hidden" }).where("id", "=", id).execute();
          await trx
            .insertInto("moderation_log")
            .values({ comment_id: id, action: "auto-hide", actor: "reports", created_at: now() })
            .execute();
        }
        return { articleSlug: row.article_slug, hidden: hide || row.status === "hidden" };
      });
    },

    /** A moderator hides, restores or deletes a comment; every action is logged. Returns the article. */
    async moderate(id: number, action: "hide" | "restore" | "delete", actor: string): Promise<string> {
      return writeTransaction(db, `moderate:${id}`, async (trx) => {
        const row = await trx.selectFrom("comments").select("article_slug").where("id", "=", id).executeTakeFirst();
        if (!row) throw new EngagementError(404, "댓글을 찾을 수 없습니다.");
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
      const columns = ["id", "article_slug", "parent_id", "nickname", "body", "created_at", "status", "report_count"] as const;
      const [recent, reported] = await Promise.all([
        k.selectFrom("comments").select(columns).orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute(),
        k
          .selectFrom("comments")
          .select(columns)
          .where("report_count", ">", 0)
          .where("status", "!=", "deleted")
          .orderBy("report_count", "desc")
          .orderBy("created_at", "desc")
          .limit(limit)
          .execute(),
      ]);
      const toAdmin = (row: Row): AdminComment => ({
        ...toPublic(row),
        articleSlug: row.article_slug,
        status: row.status,
        reportCount: Number(row.report_count),
      });
      return { recent: recent.map(toAdmin), reported: reported.map(toAdmin) };
    },

    /** The moderation log, newest first. */
    async moderationLog(limit = 50) {
      return k.selectFrom("moderation_log").selectAll().orderBy("id", "desc").limit(limit).execute();
    },

    /** 실시간 댓글: the newest visible comments across the site. */
    async latestComments(limit: number): Promise<(PublicComment & { articleSlug: string })[]> {
      const rows = await k
        .selectFrom("comments")
        .selectAll()
        .where("status", "=", "visible")
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toPublic(row), articleSlug: row.article_slug }));
    },

    /** Counts one share of an article. */
    async recordShare(slug: string): Promise<number> {
      const row = await k
        .insertInto("article_counters")
        .values({ article_slug: slug, shares: 1 })
        .onConflict((oc) => oc.column("article_slug").doUpdateSet((eb) => ({ shares: eb("article_counters.shares", "+", 1) })))
        .returning("shares")
        .executeTakeFirstOrThrow();
      return Number(row.shares);
    },

    /** How many times an article was shared. */
    async shareCount(slug: string): Promise<number> {
      const row = await k.selectFrom("article_counters").select("shares").where("article_slug", "=", slug).executeTakeFirst();
      return Number(row?.shares ?? 0);
    },

    /** Counts a read once per visitor per article per Korean day; true when it was new. */
    async recordRead(slug: string, visitorKey: string, day: string): Promise<boolean> {
      const result = await k
        .insertInto("article_reads")
        .values({ article_slug: slug, visitor_key: visitorKey, day })
        .onConflict((oc) => oc.columns(["article_slug", "visitor_key", "day"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** Most read articles since `sinceDay` (YYYY-MM-DD), most first. */
    async mostRead(sinceDay: string, limit: number): Promise<{ slug: string; reads: number }[]> {
      const rows = await k
        .selectFrom("article_reads")
        .select(["article_slug", sql<number>`count(*)`.as("reads")])
        .where("day", ">=", sinceDay)
        .groupBy("article_slug")
        .orderBy(sql`count(*)`, "desc")
        .orderBy("article_slug")
        .limit(limit)
        .execute();
      return rows.map((row) => ({ slug: row.article_slug, reads: Number(row.reads) }));
    },

    /** Every comment with its status, oldest first, for `npm run db:export`. */
    async exportComments() {
      const rows = await k
        .selectFrom("comments")
        .select(["id", "article_slug", "parent_id", "nickname", "body", "created_at", "status", "report_count"])
        .orderBy("id")
        .execute();
      return rows.map((row) => ({
        ...toPublic(row),
        articleSlug: row.article_slug,
        status: row.status,
        reportCount: Number(row.report_count),
      }));
    },
  };
}
