import type { ArticleEngagement } from "@/lib/engagement/live";
import { CommentForm } from "@/components/comments/comment-form";
import { CommentItem } from "@/components/comments/comment-item";

/** 댓글: the form and the comments, all in the server's HTML. */
export function CommentSection({ slug, engagement }: { slug: string; engagement: ArticleEngagement }) {
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-8 border-t-2 border-ink pt-3">
      <h2 id="comments-heading" className="font-bold">
        댓글 <span className="text-brand">{engagement.commentCount}</span>
      </h2>
      {engagement.available ? (
        <div className="no-print mt-3 rounded border border-rule bg-gray-50 p-3">
          <CommentForm slug={slug} />
        </div>
      ) : (
        <p className="mt-2 text-sm text-ink-soft">댓글을 잠시 불러올 수 없습니다.</p>
      )}
      {engagement.comments.length === 0 ? (
        engagement.available && <p className="mt-3 text-sm text-ink-soft">첫 댓글을 남겨 주세요.</p>
      ) : (
        <ul className="mt-2 divide-y divide-rule">
          {engagement.comments.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} slug={slug} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
