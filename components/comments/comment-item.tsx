import type { PublicComment } from "@/lib/engagement/service";
import { formatKstDateTime } from "@/lib/dates";
import { CommentActions } from "@/components/comments/comment-actions";

/** One comment: nickname, time and the text exactly as typed (escaped by React, line breaks kept). */
export function CommentItem({ comment, slug, isReply = false }: { comment: PublicComment; slug: string; isReply?: boolean }) {
  return (
    <article
      id={`comment-${comment.id}`}
      aria-label={`${comment.nickname}의 ${isReply ? "답글" : "댓글"}`}
      className="reader-box py-3"
    >
      <p className="flex flex-wrap items-baseline gap-2 text-sm">
        <strong>{comment.nickname}</strong>
        <time dateTime={comment.createdAt} className="text-xs text-ink-faint">
          {formatKstDateTime(comment.createdAt)}
        </time>
      </p>
      <p className="mt-1 text-[0.95rem] whitespace-pre-line">{comment.body}</p>
      <CommentActions slug={slug} commentId={comment.id} canReply={!isReply} />
      {comment.replies && comment.replies.length > 0 && (
        <ul className="mt-1 border-l-2 border-rule pl-4">
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} slug={slug} isReply />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
