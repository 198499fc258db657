// One article file's text to a validated Article, or to problems that say what to fix and where.
import matter from "gray-matter";
import { YAMLParseError, parse as parseYaml } from "yaml";
import type { core } from "zod";
import { renderMarkdown, type RenderOptions } from "@/lib/content/markdown";
import { likelyMeant, lineOfKey, type ContentProblem } from "@/lib/content/problems";
import { frontmatterSchema, type Article } from "@/lib/content/schema";
import { templateLeftovers } from "@/lib/content/template";

export type ParsedArticle = { article: Article; problems: [] } | { article?: undefined; problems: ContentProblem[] };

class FrontmatterSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** YAML 1.2 core schema: dates stay strings (so a missing offset can mean Korean time) and duplicate keys are errors. */
function parseFrontmatterYaml(source: string): object {
  try {
    const data: unknown = parseYaml(source, { uniqueKeys: true, prettyErrors: false });
    return data ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // gray-matter hands over the text after the opening "---", newline included, so this counts file lines.
      const line = source.slice(0, error.pos[0]).split("\n").length;
      const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? error.code;
      throw new FrontmatterSyntaxError(line, reason);
    }
    throw error;
  }
}

const KNOWN_FIELDS = Object.keys(frontmatterSchema.shape);

/**
 * Zod's issues as editors' problems. A misspelt field comes first, with the field it most likely meant; when
 * that field is required and therefore also reported missing, the misspelling is the only cause reported.
 */
function problemsFromIssues(file: string, frontmatter: string, data: object, issues: core.$ZodIssue[]): ContentProblem[] {
  // First the unknown top-level fields, each with the field it most likely meant; zod lists them last.
  const misspelt = new Set<string>();
  const misspellings: ContentProblem[] = issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" && issue.path.length === 0
      ? issue.keys.map((key) => {
          const meant = likelyMeant(key, KNOWN_FIELDS);
          if (meant && !(meant in data)) misspelt.add(meant);
          return {
            file,
            line: lineOfKey(frontmatter, key),
            field: key,
            message: meant
              ? `is not a frontmatter field we know. Did you mean "${meant}"? Rename it to \`${meant}:\`.`
              : issue.message.replace(/^Unrecognized keys?:.*$/, "is not a field we know"),
          };
        })
      : [],
  );
  const others = issues.flatMap((issue): ContentProblem[] => {
    if (issue.code === "unrecognized_keys") {
      if (issue.path.length === 0) return [];
      return [{ file, field: issue.keys.join(", "), message: `${issue.message.replace(/^Unrecognized keys?:.*$/, "is not a field we know")} in "${issue.path.join(".")}"` }];
    }
    const top = issue.path[0];
    // "section must be one of …" when the editor wrote `sectoin:` would send them after the wrong cause.
    if (typeof top === "string" && issue.path.length === 1 && misspelt.has(top)) return [];
    const field = issue.path.map(String).join(".");
    return [{ file, line: typeof top === "string" ? lineOfKey(frontmatter, top) : undefined, field: field || undefined, message: issue.message }];
  });
  return [...misspellings, ...others];
}

/** Parses and validates one article; `slug` comes from the file name, `file` is used in messages. */
/** `committedAt`: the file's last git commit time, used as dateModified when `updated` is absent. */
export function parseArticle(file: string, slug: string, text: string, render: RenderOptions, committedAt?: string): ParsedArticle {
  if (!/^---\r?\n/.test(text)) {
    return {
      problems: [{ file, line: 1, message: "has no frontmatter. Start the file with a line of ---, the fields (title, date, section), and another ---." }],
    };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also switches off gray-matter's cache, which would hand out one shared object per text.
    parsed = matter(text, { engines: { yaml: parseFrontmatterYaml } });
  } catch (error) {
    if (error instanceof FrontmatterSyntaxError) {
      return {
        problems: [{ file, line: error.line, message: `has a YAML syntax error in its frontmatter: ${error.message}. Check indentation, and quote values containing a colon (:) or starting with [ { * & ! | > ' " % @.` }],
      };
    }
    throw error;
  }
  const frontmatterText = parsed.matter;
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return { problems: [{ file, line: 2, message: "frontmatter must be fields (key: value), not a list or a single value." }] };
  }
  const result = frontmatterSchema.safeParse(parsed.data);
  if (!result.success) return { problems: problemsFromIssues(file, frontmatterText, parsed.data, result.error.issues) };

  if (!parsed.content.trim()) {
    return { problems: [{ file, message: "has frontmatter but no article text below it. Write the body after the closing ---." }] };
  }
  const body = renderMarkdown(parsed.content, render);
  // Lines of the file before the body (frontmatter and its fences), so body problems point into the file.
  const bodyStart = text.slice(0, text.length - parsed.content.length).split("\n").length - 1;
  const problems: ContentProblem[] = body.problems.map(({ line, message }) => ({
    file,
    line: line === undefined ? undefined : bodyStart + line,
    field: "body",
    message,
  }));
  const image = result.data.image;
  if (image && !render.localImage(image.src)) {
    problems.push({ file, line: lineOfKey(frontmatterText, "image"), field: "image.src", message: `"${image.src}" does not exist under public/.` });
  }
  // content:new's placeholders may sit in a draft; an article about to be published must have lost them all.
  if (!result.data.draft) {
    for (const [field, placeholder] of templateLeftovers({ ...result.data, plainText: body.plainText })) {
      const key = field === "body" ? undefined : field.split(".")[0];
      problems.push({
        file,
        line: key ? lineOfKey(frontmatterText, key) : undefined,
        field,
        message: `still holds the template text "${placeholder}" from npm run content:new. Write the real one before publishing (or keep draft: true).`,
      });
    }
  }
  if (problems.length) return { problems };
  const fm = result.data;
  const edited = fm.updated ?? (committedAt && committedAt > fm.date ? committedAt : fm.date);
  // A correction is a change readers must see dated: the newest one moves dateModified forward.
  const lastModified = fm.corrections.reduce((latest, c) => (Date.parse(c.date) > Date.parse(latest) ? c.date : latest), edited);
  return { article: { ...fm, slug, file, html: body.html, plainText: body.plainText, images: body.images, lastModified }, problems: [] };
}
