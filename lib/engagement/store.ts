// The comments table in the project's terms: which comments readers see, and rows as readers get them.
import type { ExpressionBuilder, Selectable, SelectQueryBuilder } from "kysely";
import type { CommentsTable, Database } from "@/lib/db/schema";

export type CommentRow = Omit<Selectable<CommentsTable>, "password_hash" | "client_key" | "idempotency_key">;

export type PublicComment = {
  id: number;
  nickname: string;
  body: string;
  createdAt: string;
  parentId: number | null;
  replies?: PublicComment[];
};

export type AdminComment = PublicComment & { articleSlug: string; status: CommentStatus; reportCount: number };
type CommentStatus = CommentsTable["status"];

/** The columns a reader's or moderator's view needs (never the password hash or the client key). */
export const COMMENT_COLUMNS = [
  "id",
  "article_slug",
  "parent_id",
  "nickname",
  "body",
  "created_at",
  "status",
  "report_count",
] as const;

/** A row as readers get it. */
export function toPublic(row: CommentRow): PublicComment {
  return {
    id: Number(row.id),
    nickname: row.nickname,
    body: row.body,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
  };
}

/** A row as moderators get it. */
export function toAdmin(row: CommentRow): AdminComment {
  return { ...toPublic(row), articleSlug: row.article_slug, status: row.status, reportCount: Number(row.report_count) };
}

/**
 * What readers see: visible comments whose parent, if any, is visible too (a hidden comment's replies go
 * with it, from lists, counts and 실시간 댓글 alike).
 */
export function shownOnly<O>(query: SelectQueryBuilder<Database, "comments", O>): SelectQueryBuilder<Database, "comments", O> {
  return query
    .where("comments.status", "=", "visible")
    .where((eb: ExpressionBuilder<Database, "comments">) =>
      eb.or([
        eb("comments.parent_id", "is", null),
        eb(
          "comments.parent_id",
          "in",
          eb.selectFrom("comments as parent").select("parent.id").where("parent.status", "=", "visible"),
        ),
      ]),
    );
}
