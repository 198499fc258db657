import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { ModerationTable } from "@/components/admin/moderation-table";
import { getEngagement } from "@/lib/engagement";
import { ADMIN_COOKIE, isAdminSession } from "@/lib/engagement/admin";
import { engagementConfig } from "@/lib/engagement/config";
import { formatKstDateTime } from "@/lib/dates";

// Per moderator and always current: rendered on each request, never cached or prerendered.
export const instant = false;

export const metadata: Metadata = { title: "댓글 관리", robots: { index: false, follow: false } };

export default async function AdminPage() {
  // Before reading the configuration: ADMIN_TOKEN is set where the server starts, not where it was built,
  // so this page must never be decided (or prerendered as a 404) at build time.
  await connection();
  if (!engagementConfig.adminToken) notFound();
  const { service, db } = await getEngagement();
  const session = (await cookies()).get(ADMIN_COOKIE)?.value;
  if (!(await isAdminSession(db, session))) {
    return (
      <main id="main" tabIndex={-1} className="mx-auto max-w-sm py-10">
        <h1 className="text-xl font-bold">댓글 관리 로그인</h1>
        <form method="post" action="/api/admin/session" className="mt-4 grid gap-2">
          <label className="grid gap-1 text-sm">
            <span>관리자 토큰</span>
            <input
              name="token"
              type="password"
              required
              autoComplete="current-password"
              className="rounded border border-rule px-2 py-1.5"
            />
          </label>
          <button type="submit" className="rounded bg-brand px-4 py-1.5 font-semibold text-white">
            로그인
          </button>
        </form>
      </main>
    );
  }
  const [lists, log] = await Promise.all([service.adminLists(), service.moderationLog(30)]);
  return (
    <main id="main" tabIndex={-1} className="py-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">댓글 관리</h1>
        <form method="post" action="/api/admin/session">
          <input type="hidden" name="logout" value="1" />
          <button type="submit" className="text-sm underline">
            로그아웃
          </button>
        </form>
      </div>
      <ModerationTable title="신고된 댓글" comments={lists.reported} />
      <ModerationTable title="최근 댓글" comments={lists.recent} />
      <section className="mt-8">
        <h2 className="text-lg font-bold">조치 기록</h2>
        <ul className="mt-2 text-sm">
          {log.map((entry) => (
            <li key={entry.id}>
              {formatKstDateTime(new Date(Number(entry.created_at)))} · 댓글 {Number(entry.comment_id)} · {entry.action} ·{" "}
              {entry.actor}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
