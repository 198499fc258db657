// Who may moderate: holders of ADMIN_TOKEN, by a server-side session (cookie) set at login, or a Bearer
// header for scripts. Sessions live in the database, so logout and expiry revoke them on every instance.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError } from "@/lib/engagement/errors";
import { clientAddress } from "@/lib/engagement/http";
import { visitorNetwork } from "@/lib/engagement/rules";
import { ClientBuckets } from "@/lib/http/client-limits";

export const ADMIN_COOKIE = "admin_session";

const digest = (text: string) => createHash("sha256").update(text).digest();
const idHash = (id: string) => digest(id).toString("base64url");

/** Whether a presented token is the admin token (false when admin is disabled); constant time. */
export function isAdminToken(candidate: unknown, token: string | undefined = engagementConfig.adminToken): boolean {
  return Boolean(token) && typeof candidate === "string" && timingSafeEqual(digest(candidate), digest(token!));
}

/**
 * Tokens one client may try, per instance: ten at once, then one a minute, so a token cannot be guessed
 * by trying (the app reached directly had no limit; nginx limits only its write rate).
 */
const tokenAttempts = new ClientBuckets(1 / 60, 10);

/** Counts one try of the admin token by the client of `request`; 429 once it has tried too often. */
export function admitTokenAttempt(request: Request, now = Date.now()): void {
  if (!tokenAttempts.take(visitorNetwork(clientAddress(request.headers)), now))
    throw new EngagementError(429, "관리자 토큰을 너무 자주 입력했습니다. 1분 뒤에 다시 시도해 주세요.");
}

/** Starts a moderator session; returns the cookie value (a random id whose hash alone is stored). */
export async function startAdminSession(db: Db, now = Date.now()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.kysely.deleteFrom("admin_sessions").where("expires_at", "<", now).execute();
  await db.kysely
    .insertInto("admin_sessions")
    .values({ id_hash: idHash(id), created_at: now, expires_at: now + engagementConfig.adminSessionHours * 3_600_000 })
    .execute();
  return id;
}

/** Whether a cookie value names a live session. */
export async function isAdminSession(db: Db, cookie: string | undefined, now = Date.now()): Promise<boolean> {
  if (!engagementConfig.adminToken || !cookie || cookie.length > 100) return false;
  const row = await db.kysely
    .selectFrom("admin_sessions")
    .select("expires_at")
    .where("id_hash", "=", idHash(cookie))
    .executeTakeFirst();
  return Boolean(row && Number(row.expires_at) > now);
}

/** Ends a session: the cookie stops working everywhere, even if someone kept a copy. */
export async function endAdminSession(db: Db, cookie: string | undefined): Promise<void> {
  if (cookie) await db.kysely.deleteFrom("admin_sessions").where("id_hash", "=", idHash(cookie)).execute();
}

/** The admin cookie's value in a Cookie header. */
export function adminCookie(request: Request): string | undefined {
  return request.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${ADMIN_COOKIE}=`))
    ?.slice(ADMIN_COOKIE.length + 1);
}

/** Refuses requests that are not from a moderator: 404 while admin is disabled, 401 otherwise. */
export async function assertAdmin(db: Db, request: Request): Promise<void> {
  if (!engagementConfig.adminToken) throw new EngagementError(404, "관리 기능이 꺼져 있습니다.");
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer !== undefined) admitTokenAttempt(request);
  if (!isAdminToken(bearer) && !(await isAdminSession(db, adminCookie(request))))
    throw new EngagementError(401, "관리자 로그인이 필요합니다.");
}
