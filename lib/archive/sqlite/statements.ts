// What both SQLite files' statements share: what "published" means in them and how a row becomes a card.
import type { ArticleCard } from "@/lib/content/schema";

/**
 * Published at @now. The unary plus keeps SQLite from choosing an index on these columns: almost every
 * article is published, so walking newest first (by id) and skipping the few others is what is fast.
 */
export const PUBLISHED = "+a.draft = 0 AND +a.time <= @now";
/** The same of a group member, from the member's own copy of draft and time. */
export const MEMBER_PUBLISHED = "m.draft = 0 AND m.time <= @now";

export type CardRow = { card: string };
export type ArticleRow = { card: string; html: string; plain_text: string };

export const toCard = (row: CardRow): ArticleCard => JSON.parse(row.card) as ArticleCard;

/** A statement cache: prepared once per text, as a page asks the same few questions many times. */
export function statementCache(db: import("better-sqlite3").Database) {
  const statements = new Map<string, import("better-sqlite3").Statement>();
  return (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}
