import type { SidebarContent } from "@/lib/sidebar";
import { paths } from "@/lib/urls";

/** 실시간 댓글: the newest reader comments site-wide (nickname, first line, article, time ago). */
export function LiveCommentsSlot({ comments }: { comments: SidebarContent["liveComments"] }) {
  return (
    <section aria-labelledby="live-comments" className="reader-box border-t-2 border-ink pt-2">
      <h2 id="live-comments" className="text-lg font-bold">
        실시간 댓글
      </h2>
      {comments.length === 0 ? (
        <p className="py-2 text-sm text-ink-soft">아직 댓글이 없습니다.</p>
      ) : (
        <ul className="live-comments divide-y divide-rule text-sm">
          {comments.map((comment) => (
            <li key={comment.id} className="reader-box">
              <a href={`${paths.article(comment.articleSlug)}#comment-${comment.id}`}>
                <span className="line-clamp-2">{comment.firstLine}</span>
              </a>
              <p>
                <span>{comment.nickname}</span>
                <span>{comment.ago}</span>
                <span className="line-clamp-1">{comment.articleTitle}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
