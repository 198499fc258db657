import { rewriteLines } from "@/lib/search/present";
import type { UnderstoodSearch } from "@/lib/search/understand";

/**
 * What was searched instead of what was typed (한/영 자판, a particle, 초성, a typo, words left out), each
 * with the link back to the query as typed or to the suggested one, as Naver and Daum say it.
 */
export function SearchRewriteNote({
  typed,
  result,
  optionsQuery = "",
}: {
  typed: string;
  result: Pick<UnderstoodSearch, "searchedFor" | "suggestion" | "leftOut">;
  /** The search's sort and filters (lib/search/filters.ts), kept by every link. */
  optionsQuery?: string;
}) {
  const lines = rewriteLines(typed, result);
  if (!lines.length) return null;
  return (
    <div className="mt-3 space-y-1 text-sm">
      {lines.map((line) => (
        <p key={line.text}>
          {line.text}{" "}
          {line.link && (
            <a
              href={`/search?q=${encodeURIComponent(line.link.query)}${optionsQuery}`}
              className="font-semibold text-brand underline"
            >
              {line.link.label}
            </a>
          )}
        </p>
      ))}
    </div>
  );
}
