// Table types for Kysely: what the database holds, in the engines' common types (times are epoch milliseconds).
import type { Generated } from "kysely";

export type CommentStatus = "visible" | "hidden" | "deleted";

export interface CommentsTable {
  id: Generated<number>;
  article_slug: string;
  parent_id: number | null;
  nickname: string;
  body: string;
  password_hash: string;
  /** Salted hash of the client address: for limits and reports, never the address itself. */
  client_key: string;
  status: CommentStatus;
  report_count: Generated<number>;
  idempotency_key: string;
  created_at: number;
}

export interface CommentReportsTable {
  comment_id: number;
  client_key: string;
  created_at: number;
}

export interface ArticleCountersTable {
  article_slug: string;
  shares: number;
}

export interface ArticleReadsTable {
  article_slug: string;
  visitor_key: string;
  /** Korean calendar day, YYYY-MM-DD. */
  day: string;
}

export interface ArticleSharesTable {
  article_slug: string;
  visitor_key: string;
  /** Korean calendar day, YYYY-MM-DD. */
  day: string;
}

export interface PasswordFailuresTable {
  id: Generated<number>;
  comment_id: number;
  client_key: string;
  created_at: number;
}

export interface AdminSessionsTable {
  /** SHA-256 of the random session id the moderator's cookie holds. */
  id_hash: string;
  created_at: number;
  expires_at: number;
}

export interface ModerationLogTable {
  id: Generated<number>;
  comment_id: number;
  action: string;
  actor: string;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  article_counters: ArticleCountersTable;
  article_reads: ArticleReadsTable;
  article_shares: ArticleSharesTable;
  password_failures: PasswordFailuresTable;
  admin_sessions: AdminSessionsTable;
  moderation_log: ModerationLogTable;
  settings: SettingsTable;
}
