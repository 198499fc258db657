// One article file's text to a validated Article, or to problems that say what to fix and where.
import matter from "gray-matter";
import { YAMLParseError, parse as parseYaml } from "yaml";
import type { core } from "zod";
import { renderMarkdown, type RenderOptions } from "@/lib/content/markdown";
import { likelyMeant, lineOfKey, lineOfPath, yamlReason, type ContentProblem } from "@/lib/content/problems";
import { say } from "@/lib/editor-language";
import { frontmatterSchema, zodMessages, type Article, type ArticleImage } from "@/lib/content/schema";
import { LEAD_MIN_WIDTH } from "@/lib/images/photos";
import { templateLeftovers } from "@/lib/content/template";
import { tokensFit } from "@/lib/search-core/tokens";

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
      throw new FrontmatterSyntaxError(line, yamlReason(error.code, reason));
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
              ? say(
                  `은(는) 머리말에 쓸 수 있는 항목이 아닙니다. "${meant}"을(를) 잘못 쓴 것 같습니다. \`${key}:\`을(를) \`${meant}:\`(으)로 고치세요.`,
                  `is not a frontmatter field we know. Did you mean "${meant}"? Rename it to \`${meant}:\`.`,
                )
              : issue.message,
          };
        })
      : [],
  );
  const others = issues.flatMap((issue): ContentProblem[] => {
    if (issue.code === "unrecognized_keys") {
      if (issue.path.length === 0) return [];
      const where = issue.path.join(".");
      const line = lineOfPath(frontmatter, [...issue.path, issue.keys[0]!]);
      return [
        say(
          { file, line, field: where, message: `${issue.message} 모르는 항목: ${issue.keys.join(", ")}` },
          { file, line, field: issue.keys.join(", "), message: `${issue.message} in "${where}"` },
        ),
      ];
    }
    const top = issue.path[0];
    // "section must be one of …" when the editor wrote `sectoin:` would send them after the wrong cause.
    if (typeof top === "string" && issue.path.length === 1 && misspelt.has(top)) return [];
    const field = issue.path.map(String).join(".");
    return [{ file, line: lineOfPath(frontmatter, issue.path), field: field || undefined, message: issue.message }];
  });
  return [...misspellings, ...others];
}

/** Parses and validates one article; `slug` comes from the file name, `file` is used in messages. */
/** `committedAt`: the file's last git commit time, used as dateModified when `updated` is absent. */
export function parseArticle(file: string, slug: string, text: string, render: RenderOptions, committedAt?: string): ParsedArticle {
  if (!/^---\r?\n/.test(text)) {
    return {
      problems: [{ file, line: 1, message: say(
            "머리말(frontmatter)이 없습니다. 파일 첫 줄에 ---를 쓰고, 항목(title, date, section)을 쓴 다음, 다시 ---로 닫으세요.",
            "has no frontmatter. Start the file with a line of ---, the fields (title, date, section), and another ---.",
          ),
        },
      ],
    };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also switches off gray-matter's cache, which would hand out one shared object per text.
    parsed = matter(text, { engines: { yaml: parseFrontmatterYaml } });
  } catch (error) {
    if (error instanceof FrontmatterSyntaxError) {
      return {
        problems: [
          {
            file,
            line: error.line,
            message: say(
              `머리말에 YAML 문법 오류가 있습니다: ${error.message}. 들여쓰기를 확인하고, 콜론(:)이 들어가거나 [ { * & ! | > ' " % @로 시작하는 값은 따옴표로 감싸세요.`,
              `has a YAML syntax error in its frontmatter: ${error.message}. Check indentation, and quote values containing a colon (:) or starting with [ { * & ! | > ' " % @.`,
            ),
          },
        ],
      };
    }
    throw error;
  }
  const frontmatterText = parsed.matter;
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return {
      problems: [
        {
          file,
          line: 2,
          message: say(
            "머리말은 `항목: 값` 꼴의 줄들이어야 합니다. 목록이나 값 하나만 쓸 수는 없습니다.",
            "frontmatter must be fields (key: value), not a list or a single value.",
          ),
        },
      ],
    };
  }
  const result = frontmatterSchema.safeParse(parsed.data, { error: zodMessages });
  if (!result.success) return { problems: problemsFromIssues(file, frontmatterText, parsed.data, result.error.issues) };

  if (!parsed.content.trim()) {
    return {
      problems: [
        {
          file,
          message: say(
            "머리말은 있는데 그 아래 본문이 없습니다. 닫는 --- 다음 줄부터 본문을 쓰세요.",
            "has frontmatter but no article text below it. Write the body after the closing ---.",
          ),
        },
      ],
    };
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
  let lead: ArticleImage | undefined;
  if (image) {
    const found = render.localImage(image.src);
    const line = lineOfPath(frontmatterText, ["image", "src"]);
    if (!found.ok) problems.push({ file, line, field: "image.src", message: found.message });
    else if (found.photo && found.width < LEAD_MIN_WIDTH)
      problems.push({
        file,
        line,
        field: "image.src",
        message: say(
          `의 사진은 폭이 ${found.width} px입니다. 대표 사진은 검색·공유 미리보기에 크게 나가므로 폭 ${LEAD_MIN_WIDTH} px 이상인 원본을 쓰세요(작은 사진은 본문에 넣으세요).`,
          `photo is ${found.width} px wide. A lead photo is shown large in search and share previews: use an original at least ${LEAD_MIN_WIDTH} px wide (put smaller ones in the body).`,
        ),
      });
    else lead = { ...image, width: found.photo ? found.width : (image.width ?? found.width), height: found.photo ? found.height : (image.height ?? found.height), photo: found.photo };
  }
  if (!tokensFit({ ...result.data, plainText: body.plainText }))
    problems.push({
      file,
      field: "body",
      message: say(
        "에 서로 다른 글자 쌍이 너무 많아 검색 색인(PostgreSQL)에 담을 수 없습니다. 무작위 문자열이나 자료 덤프가 아니라면 글을 여러 건으로 나누세요.",
        "holds too many distinct pairs of characters for the search index (PostgreSQL) to hold. Unless it is random text or a data dump by mistake, split it into several articles.",
      ),
    });
  // content:new's placeholders may sit in a draft; an article about to be published must have lost them all.
  if (!result.data.draft) {
    for (const [field, placeholder] of templateLeftovers({ ...result.data, plainText: body.plainText })) {
      const key = field === "body" ? undefined : field.split(".")[0];
      problems.push({
        file,
        line: key ? lineOfKey(frontmatterText, key) : undefined,
        field,
        message: say(
          `에 \`npm run content:new\`가 넣은 본보기 글 "${placeholder}"이(가) 그대로 있습니다. 출고하기 전에 실제 내용으로 바꾸세요(아직이면 draft: true를 남겨 두세요).`,
          `still holds the template text "${placeholder}" from npm run content:new. Write the real one before publishing (or keep draft: true).`,
        ),
      });
    }
  }
  if (problems.length) return { problems };
  const fm = result.data;
  const edited = fm.updated ?? (committedAt && committedAt > fm.date ? committedAt : fm.date);
  // A correction is a change readers must see dated: the newest one moves dateModified forward.
  const lastModified = fm.corrections.reduce((latest, c) => (Date.parse(c.date) > Date.parse(latest) ? c.date : latest), edited);
  return { article: { ...fm, image: lead, slug, file, html: body.html, plainText: body.plainText, images: body.images, lastModified }, problems: [] };
}
