import type { Snippet } from "@/lib/search/highlight";

/** Snippet text with its matches in <mark>; React escapes every piece, so no text can become markup. */
export function HighlightedText({ snippet }: { snippet: Snippet }) {
  const pieces: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (start > at) pieces.push({ text: snippet.text.slice(at, start), hit: false });
    pieces.push({ text: snippet.text.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.text.length) pieces.push({ text: snippet.text.slice(at), hit: false });
  return (
    <>
      {pieces.map((piece, i) =>
        piece.hit ? (
          <mark key={i} className="bg-yellow-200 text-ink">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
