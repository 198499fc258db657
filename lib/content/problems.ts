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

/**
 * Line (1-based, in the file) of a top-level `key:` in YAML text: a whole file, or a frontmatter starting
 * with the newline after its opening "---" (whose first, empty line is then the fence's line).
 */
export function lineOfKey(yaml: string, key: string): number | undefined {
  const index = yaml.split("\n").findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`${key} :`));
  return index === -1 ? undefined : index + 1;
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

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known field an unknown one is most likely a misspelling of (case and a few typos apart), if any. */
export function likelyMeant(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const allowed = Math.max(1, Math.floor(unknown.length / 3));
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(lower, field.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

