"use client";
// Reply, report and delete under a comment; they need JavaScript, reading does not.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CommentForm } from "@/components/comments/comment-form";

type Props = { slug: string; commentId: number; canReply: boolean };

export function CommentActions({ slug, commentId, canReply }: Props) {
  const router = useRouter();
  const [replying, setReplying] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function report() {
    if (!window.confirm("이 댓글을 신고할까요?")) return;
    const response = await fetch(`/api/comments/${commentId}/report`, { method: "POST" });
    setMessage(response.ok ? "신고했습니다. 검토 후 조치합니다." : "신고하지 못했습니다.");
    if (response.ok) router.refresh();
  }

  async function remove() {
    const password = window.prompt("댓글을 쓸 때 정한 비밀번호를 입력하세요.");
    if (password === null) return;
    const response = await fetch(`/api/comments/${commentId}`, {
      method: "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ password }),
    });
    if (response.ok) router.refresh();
    else setMessage(((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? "삭제하지 못했습니다.");
  }

  const button = "text-xs text-ink-soft underline-offset-2 hover:underline";
  return (
    <div className="no-print mt-1">
      <div className="flex gap-3">
        {canReply && (
          <button type="button" className={button} onClick={() => setReplying((v) => !v)} aria-expanded={replying}>
            답글
          </button>
        )}
        <button type="button" className={button} onClick={report}>
          신고
        </button>
        <button type="button" className={button} onClick={remove}>
          삭제
        </button>
      </div>
      {message && (
        <p role="status" className="mt-1 text-xs text-ink-soft">
          {message}
        </p>
      )}
      {replying && (
        <div className="mt-2">
          <CommentForm slug={slug} parentId={commentId} onDone={() => setReplying(false)} />
        </div>
      )}
    </div>
  );
}
