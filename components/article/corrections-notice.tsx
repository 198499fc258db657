import { correctionLabel } from "@/lib/article-display";
import type { Correction } from "@/lib/content/schema";
import { formatKstDateTime } from "@/lib/dates";

/** 정정·반론보도 above the text, newest first, each with its kind and date: a corrected article says so. */
export function CorrectionsNotice({ corrections }: { corrections: Correction[] }) {
  if (!corrections.length) return null;
  const newestFirst = [...corrections].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return (
    <aside aria-label="정정·반론보도" className="my-4 border-l-4 border-ink bg-gray-50 px-4 py-3 text-sm">
      {newestFirst.map((correction) => (
        <p key={`${correction.date}-${correction.kind}`} className="mt-1 first:mt-0">
          <strong>{correctionLabel(correction.kind)}</strong>{" "}
          <time dateTime={correction.date} className="text-ink-soft">
            {formatKstDateTime(correction.date)}
          </time>{" "}
          {correction.text}
        </p>
      ))}
    </aside>
  );
}
