"use client";
// The comment form: a plain POST that works without JavaScript; with it, posts as JSON and refreshes in place.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { COMMENT_LIMITS } from "@/lib/engagement/limits";

type Props = { slug: string; parentId?: number; onDone?: () => void };

export function CommentForm({ slug, parentId, onDone }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // One key per submission attempt, kept until it succeeds: a double click or a retry stores one comment.
  const idempotencyKey = useRef<string | null>(null);
  const idPrefix = parentId ? `reply-${parentId}` : "comment";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    setPending(true);
    setError(null);
    idempotencyKey.current ??= crypto.randomUUID();
    try {
      const response = await fetch(`/api/articles/${slug}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey.current },
        body: JSON.stringify({ ...data, parentId: parentId ?? null }),
      });
      if (!response.ok) {
        setError(((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? "댓글을 올리지 못했습니다.");
        return;
      }
      form.reset();
      idempotencyKey.current = null;
      onDone?.();
      router.refresh();
    } catch {
      setError("네트워크 오류로 댓글을 올리지 못했습니다. 다시 시도해 주세요.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" action={`/api/articles/${slug}/comments`} onSubmit={submit} className="grid gap-2 text-sm">
      {parentId && <input type="hidden" name="parentId" value={parentId} />}
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="grid gap-1">
          <span>닉네임</span>
          <input
            name="nickname"
            required
            maxLength={COMMENT_LIMITS.nicknameMax}
            autoComplete="nickname"
            className="rounded border border-rule px-2 py-1.5"
          />
        </label>
        <label className="grid gap-1">
          <span>비밀번호 (삭제할 때 필요)</span>
          <input
            name="password"
            type="password"
            required
            minLength={COMMENT_LIMITS.passwordMin}
            maxLength={COMMENT_LIMITS.passwordMax}
            autoComplete="new-password"
            className="rounded border border-rule px-2 py-1.5"
          />
        </label>
      </div>
      <label className="grid gap-1">
        <span>{parentId ? "답글" : "댓글"}</span>
        <textarea
          name="body"
          required
          maxLength={COMMENT_LIMITS.bodyMax}
          rows={parentId ? 2 : 3}
          className="rounded border border-rule px-2 py-1.5"
        />
      </label>
      {/* Hidden from people (and from assistive technology); bots fill it in. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor={`${idPrefix}-website`}>웹사이트</label>
        <input id={`${idPrefix}-website`} name="website" tabIndex={-1} autoComplete="off" />
      </div>
      {error && (
        <p role="alert" className="text-accent">
          {error}
        </p>
      )}
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand px-4 py-1.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {pending ? "올리는 중…" : parentId ? "답글 올리기" : "댓글 올리기"}
        </button>
      </div>
    </form>
  );
}
