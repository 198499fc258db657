// Content errors for editors: every problem names the file, the line where known, the field and the fix.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { say } from "@/lib/editor-language";

export type ContentProblem = {
  /** Path relative to the content folder, e.g. articles/kanagawa-science-park.md. */
  file: string;
  line?: number;
  field?: string;
  message: string;
};

const KOREAN_PARTICLE = /^(?:이\(가\)|은\(는\)|을\(를\)|에 |에는 |의 )/;

/** One line an editor can act on: `articles/x.md:3: field "date": "2008-02-30" is not a real date…`. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  if (!problem.field) return `${where}: ${problem.message}`;
  // Korean messages about a field start with the particle that joins them to it: 항목 "title"이(가) 없습니다.
  const joined = KOREAN_PARTICLE.test(problem.message) ? "" : ": ";
  return `${where}: ${say(`항목 "${problem.field}"${joined}`, `field "${problem.field}" `)}${problem.message}`;
}

/**
 * Line (1-based, in the file) where a field sits in YAML text: a whole file, or a frontmatter starting with the
 * newline after its opening "---" (whose first, empty line is then the fence's line). `path` reaches into
 * lists and groups (["authors", 0, "email"]); a path that runs past what the text holds gives the line of
 * the deepest part that exists, and undefined when not even the first does.
 */
export function lineOfPath(yaml: string, path: readonly PropertyKey[]): number | undefined {
  const lines = new LineCounter();
  const document = parseDocument(yaml, { lineCounter: lines, uniqueKeys: false });
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number" && node.items[step]) {
      node = node.items[step];
      offset = (node as { range?: [number] }).range?.[0];
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** lineOfPath for a top-level field. */
export const lineOfKey = (yaml: string, key: string) => lineOfPath(yaml, [key]);

/** The yaml library's error codes editors meet most, said in Korean; the library's own words follow. */
const YAML_REASONS_KO: Record<string, string> = {
  DUPLICATE_KEY: "같은 항목이 두 번 나옵니다",
  BAD_INDENT: "들여쓰기가 맞지 않습니다",
  BLOCK_AS_IMPLICIT_KEY: "한 줄에 콜론(:)이 둘 있습니다",
  TAB_AS_INDENT: "탭으로 들여 썼습니다(빈칸으로 들여 쓰세요)",
  MISSING_CHAR: "따옴표나 괄호가 닫히지 않았습니다",
  MULTILINE_IMPLICIT_KEY: "항목 이름은 한 줄에 있어야 합니다",
  UNEXPECTED_TOKEN: "있을 수 없는 자리에 기호가 있습니다",
};

/** A YAML syntax error's cause in the editors' language, from the yaml library's error code and message. */
export function yamlReason(code: string, libraryMessage: string): string {
  return say(`${YAML_REASONS_KO[code] ?? "YAML 문법에 맞지 않습니다"} (YAML: ${libraryMessage})`, libraryMessage);
}

/** More than this many problems usually share one cause; the rest are summarised so the first ones stay visible. */
const MAX_LISTED = 50;

/** Thrown when content/ holds any broken file; the message lists every problem (up to 50), not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${formatProblem(p)}`);
    const more = problems.length - MAX_LISTED;
    if (more > 0) listed.push(say(`  … 같은 종류의 문제 ${more}건이 더 있습니다.`, `  … and ${more} more of the same kinds.`));
    const head = say(`콘텐츠에 문제가 ${problems.length}건 있어 아무것도 출고하지 않았습니다:`, `content has ${count}; nothing was published:`);
    super(`${head}\n${listed.join("\n")}`);
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

