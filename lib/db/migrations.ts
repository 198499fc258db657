// Versioned schema migrations, the same for SQLite and PostgreSQL; applied in order on first use.
import { sql, type Kysely, type Migration } from "kysely";
import type { DatabaseConfig } from "@/lib/db/config";

/** Migrations by name; names sort in the order they apply. Never edit one that has shipped: add another. */
export function migrations(engine: DatabaseConfig["engine"]): Record<string, Migration> {
  const id = engine === "postgres" ? "bigserial" : "integer";
  return {
    "2026-11-25-001-engagement": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("comments")
          .addColumn("id", sql.raw(id), (c) => (engine === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn("article_slug", "text", (c) => c.notNull())
          .addColumn("parent_id", "bigint", (c) => c.references("comments.id"))
          .addColumn("nickname", "text", (c) => c.notNull())
          .addColumn("body", "text", (c) => c.notNull())
          .addColumn("password_hash", "text", (c) => c.notNull())
          .addColumn("client_key", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull().defaultTo("visible"))
          .addColumn("report_count", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("comments_article")
          .on("comments")
          .columns(["article_slug", "status", "created_at"])
          .execute();
        await db.schema.createIndex("comments_client").on("comments").columns(["client_key", "created_at"]).execute();
        await db.schema.createIndex("comments_recent").on("comments").columns(["status", "created_at"]).execute();

        await db.schema
          .createTable("comment_reports")
          .addColumn("comment_id", "bigint", (c) => c.notNull().references("comments.id").onDelete("cascade"))
          .addColumn("client_key", "text", (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .addPrimaryKeyConstraint("comment_reports_pk", ["comment_id", "client_key"])
          .execute();

        await db.schema
          .createTable("article_counters")
          .addColumn("article_slug", "text", (c) => c.primaryKey())
          .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema
          .createTable("article_reads")
          .addColumn("article_slug", "text", (c) => c.notNull())
          .addColumn("visitor_key", "text", (c) => c.notNull())
          .addColumn("day", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("article_reads_pk", ["article_slug", "visitor_key", "day"])
          .execute();
        await db.schema.createIndex("article_reads_day").on("article_reads").columns(["day", "article_slug"]).execute();

        await db.schema
          .createTable("moderation_log")
          .addColumn("id", sql.raw(id), (c) => (engine === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn("comment_id", "bigint", (c) => c.notNull())
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("actor", "text", (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("settings")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
      },
    },
    "2026-11-26-002-abuse-limits": {
      async up(db: Kysely<unknown>) {
        // One share per visitor per article per Korean day, as reads are counted.
        await db.schema
          .createTable("article_shares")
          .addColumn("article_slug", "text", (c) => c.notNull())
          .addColumn("visitor_key", "text", (c) => c.notNull())
          .addColumn("day", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("article_shares_pk", ["article_slug", "visitor_key", "day"])
          .execute();
        // Wrong delete passwords, so guessing is limited per comment and per client.
        await db.schema
          .createTable("password_failures")
          .addColumn("id", sql.raw(id), (c) => (engine === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn("comment_id", "bigint", (c) => c.notNull())
          .addColumn("client_key", "text", (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("password_failures_comment")
          .on("password_failures")
          .columns(["comment_id", "created_at"])
          .execute();
        await db.schema
          .createIndex("password_failures_client")
          .on("password_failures")
          .columns(["client_key", "created_at"])
          .execute();
        // Moderator logins: the cookie holds a random id, the table its hash, so logout and expiry revoke it.
        await db.schema
          .createTable("admin_sessions")
          .addColumn("id_hash", "text", (c) => c.primaryKey())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .addColumn("expires_at", "bigint", (c) => c.notNull())
          .execute();
      },
    },
  };
}
