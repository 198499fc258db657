// Who may moderate: holders of ADMIN_TOKEN, by a session cookie set at login or a Bearer header for scripts.
import { createHmac, timingSafeEqual } from "node:crypto";
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError } from "@/lib/engagement/service";

export const ADMIN_COOKIE = "admin_session";

/** The cookie value that proves a login: derived from the token, so it changes when the token does. */
export function adminSessionValue(token: string | undefined = engagementConfig.adminToken): string | undefined {
  return token ? createHmac("sha256", token).update("portal admin session").digest("base64url") : undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a presented token is the admin token (false when admin is disabled). */
export function isAdminToken(candidate: unknown): boolean {
  const token = engagementConfig.adminToken;
  return Boolean(token) && typeof candidate === "string" && same(candidate, token!);
}

/** Whether a session cookie value is valid. */
export function isAdminSession(cookie: string | undefined): boolean {
  const expected = adminSessionValue();
  return Boolean(expected && cookie && same(cookie, expected));
}

/** Refuses requests that are not from a moderator: 404 while admin is disabled, 401 otherwise. */
export function assertAdmin(request: Request): void {
  if (!engagementConfig.adminToken) throw new EngagementError(404, "관리 기능이 꺼져 있습니다.");
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  const cookie = request.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${ADMIN_COOKIE}=`))
    ?.slice(ADMIN_COOKIE.length + 1);
  if (!isAdminToken(bearer) && !isAdminSession(cookie)) throw new EngagementError(401, "관리자 로그인이 필요합니다.");
}
