// Who may moderate: holders of ADMIN_TOKEN, by a server-side session (cookie) set at login, or a Bearer
// header for scripts. Sessions live in the database, so logout and expiry revoke them on every instance.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError } from "@/lib/engagement/errors";

export const ADMIN_COOKIE = "admin_session";

const digest = (text: string) => createHash("sha256").update(text).digest();
const idHash = (id: string) => digest(id).toString("base64url");

/** Whether a presented token is the admin token (false when admin is disabled); constant time. */
export function isAdminToken(candidate: unknown, token: string | undefined = engagementConfig.adminToken): boolean {
  return Boolean(token) && typeof candidate === "string" && timingSafeEqual(digest(candidate), digest(token!));
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
  if (!isAdminToken(bearer) && !(await isAdminSession(db, adminCookie(request))))
    throw new EngagementError(401, "관리자 로그인이 필요합니다.");
}
