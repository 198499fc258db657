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

/** Thrown when content/ holds any broken file; the message lists every problem, not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`content has ${count}; nothing was published:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    this.name = "ContentError";
  }
}
