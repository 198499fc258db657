import { getEngagement } from "@/lib/engagement";
import {
  ADMIN_COOKIE,
  adminCookie,
  admitTokenAttempt,
  endAdminSession,
  isAdminToken,
  startAdminSession,
} from "@/lib/engagement/admin";
import { engagementConfig } from "@/lib/engagement/config";
import { assertSameOrigin, errorResponse, readFields } from "@/lib/engagement/http";
import { EngagementError } from "@/lib/engagement/service";

/** POST /api/admin/session: log in with the admin token (form or JSON), or log out with { logout } (revokes the session). */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    if (!engagementConfig.adminToken) throw new EngagementError(404, "관리 기능이 꺼져 있습니다.");
    const { fields, fromForm } = await readFields(request);
    const { db } = await getEngagement();
    const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
    let cookie: string;
    if (fields.logout) {
      await endAdminSession(db, adminCookie(request));
      cookie = `${ADMIN_COOKIE}=; ${attributes}; Max-Age=0`;
    } else if ((admitTokenAttempt(request), isAdminToken(fields.token))) {
      const maxAge = engagementConfig.adminSessionHours * 3600;
      cookie = `${ADMIN_COOKIE}=${await startAdminSession(db)}; ${attributes}; Max-Age=${maxAge}`;
    } else throw new EngagementError(401, "관리자 토큰이 맞지 않습니다.");
    const headers = { "Set-Cookie": cookie, "Cache-Control": "no-store" };
    return fromForm
      ? new Response(null, { status: 303, headers: { Location: "/admin", ...headers } })
      : Response.json({ ok: true }, { headers });
  } catch (error) {
    return errorResponse(error, "admin session");
  }
}
