/** The source page's line above the headline: shares and comments so far. */
export function EngagementSummary({ shares, comments }: { shares: number; comments: number }) {
  return (
    <p className="text-sm text-ink-soft">
      이 기사는 <strong className="text-ink">{shares}</strong>번 공유됐고 <strong className="text-ink">{comments}</strong>개의
      댓글이 있습니다.
    </p>
  );
}
