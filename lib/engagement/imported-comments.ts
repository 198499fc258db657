// Comments brought in from another system (npm run content:import): stored as readers' comments with
// their original dates and nicknames, under the same text rules as a comment posted here (a hostile
// nickname from the old site is no safer for being old). Each carries its source's key as its idempotency
// key, so importing again adds nothing twice; replies find their parent by the parent's key. No e-mail
// or IP address is kept, and none of them can be deleted by password (they have none).
import { sql } from "kysely";
import { writeTransaction, type Db } from "@/lib/db";
import type { CommentLimits } from "@/lib/engagement/limits";
import { checkComment } from "@/lib/engagement/rules";

export type ImportedComment = {
  /** Unique per source comment, e.g. wordpress:example.com:123. */
  key: string;
  /** The parent's key, for a reply. */
  parentKey?: string;
  slug: string;
  nickname: string;
  body: string;
  createdAt: number;
};

export type ImportedCommentsResult = {
  added: number;
  /** Already imported before (same key). */
  existing: number;
  /** Refused by the comment rules, with the reason (a reserved nickname, an empty or oversized text…). */
  refused: { key: string; reason: string }[];
};

/** Marks an imported comment: no password can ever match it (lib/engagement/secrets.ts wants scrypt$…). */
const NO_PASSWORD = "imported$";
const CLIENT = "import";

/**
 * Stores `comments` (parents before their replies), a thousand per transaction: the same keys again add
 * nothing. A reply whose parent was refused or is missing is stored as a top-level comment.
 */
export async function importComments(
  db: Db,
  comments: ImportedComment[],
  limits: CommentLimits,
  reserved: readonly string[],
): Promise<ImportedCommentsResult> {
  const result: ImportedCommentsResult = { added: 0, existing: 0, refused: [] };
  for (let at = 0; at < comments.length; at += 1000) {
    const batch = comments.slice(at, at + 1000);
    await writeTransaction(db, "imported-comments", async (trx) => {
      const keys = batch.flatMap((c) => [c.key, ...(c.parentKey ? [c.parentKey] : [])]);
      const ids = new Map<string, number>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await trx
          .selectFrom("comments")
          .select(["id", "idempotency_key"])
          .where("idempotency_key", "in", keys.slice(i, i + 500))
          .execute();
        for (const row of rows) ids.set(row.idempotency_key, Number(row.id));
      }
      for (const comment of batch) {
        if (ids.has(comment.key)) {
          result.existing++;
          continue;
        }
        const checked = checkComment(
          { nickname: comment.nickname, body: comment.body, password: "imported-password" },
          limits,
          reserved,
        );
        if (!checked.ok) {
          result.refused.push({ key: comment.key, reason: checked.error });
          continue;
        }
        const row = await trx
          .insertInto("comments")
          .values({
            article_slug: comment.slug,
            parent_id: (comment.parentKey && ids.get(comment.parentKey)) || null,
            nickname: checked.value.nickname,
            body: checked.value.body,
            password_hash: NO_PASSWORD,
            client_key: CLIENT,
            status: "visible",
            idempotency_key: comment.key,
            created_at: comment.createdAt,
          })
          .returning(sql<number>`id`.as("id"))
          .executeTakeFirstOrThrow();
        ids.set(comment.key, Number(row.id));
        result.added++;
      }
    });
  }
  return result;
}
