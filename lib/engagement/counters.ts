// Shares and reads: each counted once per visitor per article per Korean day.
import { sql } from "kysely";
import { writeTransaction, type Db } from "@/lib/db";

/** Counters bound to one database. */
export function counterService(db: Db) {
  const k = db.kysely;
  const shareCount = async (slug: string): Promise<number> => {
    const row = await k.selectFrom("article_counters").select("shares").where("article_slug", "=", slug).executeTakeFirst();
    return Number(row?.shares ?? 0);
  };
  return {
    /** Counts a share once per visitor per article per day; a repeat changes nothing. Returns the count. */
    async recordShare(slug: string, visitorKey: string, day: string): Promise<{ shares: number; counted: boolean }> {
      return writeTransaction(db, `share:${slug}`, async (trx) => {
        const first = await trx
          .insertInto("article_shares")
          .values({ article_slug: slug, visitor_key: visitorKey, day })
          .onConflict((oc) => oc.columns(["article_slug", "visitor_key", "day"]).doNothing())
          .executeTakeFirst();
        if (Number(first.numInsertedOrUpdatedRows ?? 0) === 0) {
          const row = await trx
            .selectFrom("article_counters")
            .select("shares")
            .where("article_slug", "=", slug)
            .executeTakeFirst();
          return { shares: Number(row?.shares ?? 0), counted: false };
        }
        const row = await trx
          .insertInto("article_counters")
          .values({ article_slug: slug, shares: 1 })
          .onConflict((oc) => oc.column("article_slug").doUpdateSet((eb) => ({ shares: eb("article_counters.shares", "+", 1) })))
          .returning("shares")
          .executeTakeFirstOrThrow();
        return { shares: Number(row.shares), counted: true };
      });
    },

    /** How many times an article was shared. */
    shareCount,

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
  };
}
