// Comments: post, list, count, delete by their author, and the site-wide newest, over one database.
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { writeTransaction, type Db } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import type { EngagementConfig } from "@/lib/engagement/config";
import { EngagementError, NOT_FOUND_COMMENT } from "@/lib/engagement/errors";
import {
  checkComment,
  checkIdempotencyKey,
  commentAdmission,
  DAY_MS,
  HOUR_MS,
  passwordAttemptRefusal,
  replyRefusal,
  type Refusal,
} from "@/lib/engagement/rules";
import { hashPassword, verifyPassword } from "@/lib/engagement/secrets";
import { COMMENT_COLUMNS, shownOnly, toAdmin, toPublic, type PublicComment } from "@/lib/engagement/store";

function refuse(refusal: Refusal): void {
  if (refusal) throw new EngagementError(refusal.status, refusal.message);
}

/** Comment operations bound to one database, limits and clock. */
export function commentService(db: Db, config: EngagementConfig, now: () => number) {
  const k = db.kysely;

  /** The client's comments of the last day: refused with 429 when too soon or too many. */
  async function admit(q: Kysely<Database>, clientKey: string, at: number): Promise<void> {
    const recent = await q
      .selectFrom("comments")
      .select([sql<number>`count(*)`.as("count"), sql<number | null>`max(created_at)`.as("last")])
      .where("client_key", "=", clientKey)
      .where("created_at", ">", at - DAY_MS)
      .executeTakeFirstOrThrow();
    refuse(
      commentAdmission({ count: Number(recent.count), last: recent.last === null ? null : Number(recent.last) }, at, config),
    );
  }

  /** The comment an earlier request with this key stored, if any; 409 when the key was someone else's. */
  async function earlier(q: Kysely<Database>, key: string, slug: string, clientKey: string) {
    const existing = await q
      .selectFrom("comments")
      .select([...COMMENT_COLUMNS, "client_key"])
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
    if (existing && (existing.article_slug !== slug || existing.client_key !== clientKey))
      throw new EngagementError(409, "이미 처리된 요청입니다.");
    return existing && { comment: toPublic(existing), created: false };
  }

  async function commentCount(slug: string): Promise<number> {
    const row = await k
      .selectFrom("comments")
      .select(sql<number>`count(*)`.as("n"))
      .where("article_slug", "=", slug)
      .$call(shownOnly)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    /**
     * Stores a comment, or returns the one an identical earlier request stored (same idempotency key).
     * Cheap checks (input, repeat, limits) come before the slow password hash, so refused requests cost
     * nothing. `reservedNicknames`: names no reader may take (the newsroom's, content/publisher.yaml).
     * Refuses with EngagementError: 400 bad input (a reserved nickname too) or parent, 409 foreign key, 429 too soon or too many.
     */
    async postComment(
      slug: string,
      raw: Record<string, unknown>,
      clientKey: string,
      rawIdempotencyKey?: unknown,
      reservedNicknames: readonly string[] = [],
    ) {
      const checked = checkComment(raw, config, reservedNicknames);
      if (!checked.ok) throw new EngagementError(400, checked.error);
      const sentKey = checkIdempotencyKey(rawIdempotencyKey);
      if (!sentKey.ok) throw new EngagementError(400, sentKey.error);
      const input = checked.value;
      const key =
        sentKey.value ??
        createHash("sha256")
          .update([clientKey, slug, input.parentId ?? "", input.nickname, input.body].join("\u0000"))
          .digest("base64url");
      const repeat = await earlier(k, key, slug, clientKey);
      if (repeat) return repeat;
      await admit(k, clientKey, now());
      const passwordHash = await hashPassword(input.password);
      return writeTransaction(db, `comment:${clientKey}`, async (trx) => {
        // Again inside the lock: a parallel request may have written since the checks above.
        const repeated = await earlier(trx, key, slug, clientKey);
        if (repeated) return repeated;
        if (input.parentId !== null) {
          const parent = await trx
            .selectFrom("comments")
            .select(["article_slug", "parent_id", "status"])
            .where("id", "=", input.parentId)
            .executeTakeFirst();
          refuse(
            replyRefusal(parent && { articleSlug: parent.article_slug, parentId: parent.parent_id, status: parent.status }, slug),
          );
        }
        const at = now();
        await admit(trx, clientKey, at);
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
          .returning(COMMENT_COLUMNS)
          .executeTakeFirstOrThrow();
        return { comment: toPublic(row), created: true };
      });
    },

    /** Shown comments of an article: top level paged (newest or oldest first), each with its replies oldest first. */
    async listComments(slug: string, options: { order?: "newest" | "oldest"; page?: number; perPage?: number } = {}) {
      const perPage = options.perPage ?? config.commentsPerPage;
      const page = Math.max(1, options.page ?? 1);
      const direction = options.order === "oldest" ? "asc" : "desc";
      const [top, total] = await Promise.all([
        k
          .selectFrom("comments")
          .select(COMMENT_COLUMNS)
          .where("article_slug", "=", slug)
          .where("parent_id", "is", null)
          .$call(shownOnly)
          .orderBy("created_at", direction)
          .orderBy("id", direction)
          .limit(perPage)
          .offset((page - 1) * perPage)
          .execute(),
        commentCount(slug),
      ]);
      const ids = top.map((row) => row.id);
      const replies = ids.length
        ? await k
            .selectFrom("comments")
            .select(COMMENT_COLUMNS)
            .where("parent_id", "in", ids)
            .$call(shownOnly)
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

    /** Shown comments of an article, replies included (what "N개의 댓글" counts). */
    commentCount,

    /**
     * The author deletes their comment with its password. 404 for unknown, hidden or deleted comments alike
     * (a hidden comment's existence is not revealed), 429 after too many wrong passwords, 403 wrong password.
     * Returns the article.
     */
    async deleteComment(id: number, password: unknown, clientKey: string): Promise<string> {
      const row = await k
        .selectFrom("comments")
        .select(["article_slug", "password_hash", "status"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row || row.status !== "visible") throw new EngagementError(404, NOT_FOUND_COMMENT);
      const since = now() - HOUR_MS;
      // Each try is recorded as a failure before the password is checked, under one lock, so concurrent
      // guesses cannot all pass the count; a right password takes its record back.
      const attempt = await writeTransaction(db, "password-attempts", async (trx) => {
        const count = (column: "comment_id" | "client_key", value: number | string) =>
          trx
            .selectFrom("password_failures")
            .select(sql<number>`count(*)`.as("n"))
            .where(column, "=", value)
            .where("created_at", ">", since)
            .executeTakeFirstOrThrow();
        const [forComment, forClient] = [await count("comment_id", id), await count("client_key", clientKey)];
        refuse(passwordAttemptRefusal({ forComment: Number(forComment.n), forClient: Number(forClient.n) }, config));
        return trx
          .insertInto("password_failures")
          .values({ comment_id: id, client_key: clientKey, created_at: now() })
          .returning("id")
          .executeTakeFirstOrThrow();
      });
      if (typeof password !== "string" || !(await verifyPassword(password, row.password_hash)))
        throw new EngagementError(403, "비밀번호가 맞지 않습니다.");
      await k.deleteFrom("password_failures").where("id", "=", attempt.id).execute();
      // What the author wrote goes; the row stays so limits and replies keep their history.
      await k.updateTable("comments").set({ status: "deleted", nickname: "", body: "" }).where("id", "=", id).execute();
      await k.deleteFrom("password_failures").where("created_at", "<", since).execute();
      return row.article_slug;
    },

    /** 실시간 댓글: the newest shown comments across the site. */
    async latestComments(limit: number): Promise<(PublicComment & { articleSlug: string })[]> {
      const rows = await k
        .selectFrom("comments")
        .select(COMMENT_COLUMNS)
        .$call(shownOnly)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toPublic(row), articleSlug: row.article_slug }));
    },

    /** Every comment with its status, oldest first, for `npm run db:export`. */
    async exportComments() {
      const rows = await k.selectFrom("comments").select(COMMENT_COLUMNS).orderBy("id").execute();
      return rows.map(toAdmin);
    },
  };
}
