/** 실시간 댓글: the place for the newest reader comments site-wide. */
export function LiveCommentsSlot() {
  return (
    <section aria-labelledby="live-comments" className="border-t-2 border-ink pt-2">
      <h2 id="live-comments" className="text-lg font-bold">
        실시간 댓글
      </h2>
      <p className="py-2 text-sm text-ink-soft">아직 댓글이 없습니다.</p>
    </section>
  );
}
