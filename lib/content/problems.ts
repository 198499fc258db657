// Content errors for editors: every problem names the file, the line where known, the field and the fix.

export type ContentProblem = {
  /** Path relative to the content folder, e.g. articles/kanagawa-science-park.md. */
  file: string;
  line?: number;
  field?: string;
  message: string;
};

/** One line an editor can act on: `articles/x.md:3: field "date": "2008-02-30" is not a real date…`. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? `field "${problem.field}" ` : "";
  return `${where}: ${field}${problem.message}`;
}

/** More than this many problems usually share one cause; the rest are summarised so the first ones stay visible. */
const MAX_LISTED = 50;

/** Thrown when content/ holds any broken file; the message lists every problem (up to 50), not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${formatProblem(p)}`);
    if (problems.length > MAX_LISTED) listed.push(`  … and ${problems.length - MAX_LISTED} more of the same kinds.`);
    super(`content has ${count}; nothing was published:\n${listed.join("\n")}`);
    this.name = "ContentError";
  }
}
