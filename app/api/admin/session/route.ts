import { ADMIN_COOKIE, adminSessionValue, isAdminToken } from "@/lib/engagement/admin";
import { engagementConfig } from "@/lib/engagement/config";
import { assertSameOrigin, errorResponse, readFields } from "@/lib/engagement/http";
import { EngagementError } from "@/lib/engagement/service";

/** POST /api/admin/session: log in with the admin token (form or JSON), or log out with { logout }. */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    if (!engagementConfig.adminToken) throw new EngagementError(404, "관리 기능이 꺼져 있습니다.");
    const { fields, fromForm } = await readFields(request);
    const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
    let cookie: string;
    if (fields.logout) cookie = `${ADMIN_COOKIE}=; ${attributes}; Max-Age=0`;
    else if (isAdminToken(fields.token)) cookie = `${ADMIN_COOKIE}=${adminSessionValue()}; ${attributes}; Max-Age=43200`;
    else throw new EngagementError(401, "관리자 토큰이 맞지 않습니다.");
    return fromForm
      ? new Response(null, { status: 303, headers: { Location: "/admin", "Set-Cookie": cookie } })
      : Response.json({ ok: true }, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return errorResponse(error, "admin session");
  }
}
