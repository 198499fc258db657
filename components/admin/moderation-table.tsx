import type { AdminComment } from "@/lib/engagement/service";
import { formatKstDateTime } from "@/lib/dates";
import { paths } from "@/lib/urls";

const STATUS: Record<AdminComment["status"], string> = { visible: "공개", hidden: "숨김", deleted: "삭제됨" };

/** Comments with their status and report count, and a hide/restore/delete form for each. */
export function ModerationTable({ title, comments }: { title: string; comments: AdminComment[] }) {
  return (
    <section className="mt-8">
      <h2 className="text-lg font-bold">{title}</h2>
      {comments.length === 0 ? (
        <p className="mt-2 text-sm text-ink-soft">없습니다.</p>
      ) : (
        <table className="mt-2 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b-2 border-ink text-left">
              <th className="py-1 pr-2">#</th>
              <th className="py-1 pr-2">댓글</th>
              <th className="py-1 pr-2">상태</th>
              <th className="py-1 pr-2">신고</th>
              <th className="py-1">조치</th>
            </tr>
          </thead>
          <tbody>
            {comments.map((comment) => (
              <tr key={comment.id} className="border-b border-rule align-top">
                <td className="py-2 pr-2">{comment.id}</td>
                <td className="py-2 pr-2">
                  <p className="whitespace-pre-line">{comment.body || "(작성자가 삭제)"}</p>
                  <p className="text-xs text-ink-faint">
                    {comment.nickname} · {formatKstDateTime(comment.createdAt)} ·{" "}
                    <a className="underline" href={paths.article(comment.articleSlug)}>
                      {comment.articleSlug}
                    </a>
                  </p>
                </td>
                <td className="py-2 pr-2">{STATUS[comment.status]}</td>
                <td className="py-2 pr-2">{comment.reportCount}</td>
                <td className="py-2">
                  <div className="flex gap-1">
                    {(["hide", "restore", "delete"] as const).map((action) => (
                      <form key={action} method="post" action={`/api/admin/comments/${comment.id}`}>
                        <input type="hidden" name="action" value={action} />
                        <button type="submit" className="rounded border border-rule px-2 py-0.5">
                          {action === "hide" ? "숨기기" : action === "restore" ? "복구" : "삭제"}
                        </button>
                      </form>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
