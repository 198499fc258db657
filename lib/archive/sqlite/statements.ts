// What both SQLite files' statements share: what "published" means in them, how a row becomes a card and
// how a search body is stored.
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

/**
 * A search body as search_bodies stores it: UTF-16LE bytes, which are a JavaScript string's own code units.
 * Read back as TEXT, SQLite's UTF-8 had to be decoded into them, 8 of the 13 µs that reading and scoring
 * one match cost at 100,000 articles (bodies scattered through a 2 GB file); copied out of UTF-16 it is 3.
 * Korean takes two bytes a syllable so, not three: the table is a third smaller too.
 */
export const toBodyBytes = (body: string): Buffer => Buffer.from(body, "utf16le");

/** A search body from its stored bytes (toBodyBytes). */
export const fromBodyBytes = (bytes: Buffer): string => bytes.toString("utf16le");
