// The only reader of content/: finds the files, decodes, validates, renders, cross-checks, caches per process.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { imageSize } from "image-size";
import { YAMLParseError, parse as parseYaml } from "yaml";
import { sharedWithinBuild } from "@/lib/content/build-snapshot";
import { decodeContentFile } from "@/lib/content/decode";
import { gitCommitTimes } from "@/lib/content/git-dates";
import type { ImageDimensions, LocalImage } from "@/lib/content/markdown";
import { parseArticle } from "@/lib/content/parse-article";
import { openParseCache, type FileIdentity } from "@/lib/content/parse-cache";
import { ContentError, likelyMeant, lineOfKey, lineOfPath, yamlReason, type ContentProblem } from "@/lib/content/problems";
import { say } from "@/lib/editor-language";
import {
  abbreviationsFileSchema,
  bannersFileSchema,
  publisherSchema,
  SLUG_PATTERN,
  zodMessages,
  type Article,
  type Banner,
  type Publisher,
} from "@/lib/content/schema";
import { isPhotoSource, readPhoto } from "@/lib/images/photos";
import { contentDir, imageCacheDir, isProductionUrl, site } from "@/lib/site";
import { normalizeAlias } from "@/lib/urls";
import { sortIntoContentOrder } from "@/lib/content/order";

export type Content = {
  /** Every valid article, drafts and scheduled ones included, newest first. */
  articles: Article[];
  banners: Banner[];
  /** The statutory notices of every page (publisher.yaml). */
  publisher: Publisher;
  /** Headline abbreviations and the words they stand for, for search (search-abbreviations.yaml). */
  abbreviations?: Record<string, string>;
};

function listMarkdownFiles(dir: string, problems: ContentProblem[], base: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    const relative = path.relative(base, full);
    if (entry.isDirectory()) found.push(...listMarkdownFiles(full, problems, base));
    else if (entry.name.endsWith(".md")) found.push(full);
    // Anything else in articles/ is most likely an article saved with the wrong extension: never drop it silently.
    else
      problems.push({
        file: relative,
        message: say(
          ".md 파일이 아닙니다. 기사 파일 이름은 .md로 끝나야 합니다. 다른 파일(사진 등)은 public/으로 옮기세요.",
          "is not a .md file. Articles must end in .md; move other files (images) to public/.",
        ),
      });
  }
  return found;
}

function publicImageReader(publicDir: string): (src: string) => ImageDimensions | undefined {
  const cache = new Map<string, ImageDimensions | undefined>();
  return (src) => {
    if (!cache.has(src)) {
      const file = path.join(publicDir, decodeURI(src.split(/[?#]/)[0] ?? src));
      let size: ImageDimensions | undefined;
      if (file.startsWith(publicDir + path.sep) && fs.existsSync(file)) {
        const info = imageSize(fs.readFileSync(file));
        if (info.width && info.height) size = { width: info.width, height: info.height };
      }
      cache.set(src, size);
    }
    return cache.get(src);
  };
}

/** Articles' images: photos from content/images/ (lib/images/photos.ts), labelled SVG placeholders from public/. */
function articleImageReader(dir: string): { localImage: (src: string) => LocalImage; filesOf: (src: string) => string[] } {
  const publicDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), "public");
  const publicImage = publicImageReader(publicDir);
  const cacheDir = imageCacheDir();
  const photos = new Map<string, LocalImage>();
  const localImage = (src: string): LocalImage => {
    if (isPhotoSource(src)) {
      let found = photos.get(src);
      if (!found) {
        const read = readPhoto(dir, src, cacheDir);
        found = read.ok ? { ok: true, width: read.photo.width, height: read.photo.height, photo: read.photo } : read;
        photos.set(src, found);
      }
      return found;
    }
    const size = publicImage(src);
    return size
      ? { ok: true, ...size }
      : { ok: false, message: say(`"${src}" 파일이 public/ 아래에 없습니다.`, `"${src}" does not exist under public/.`) };
  };
  /** The files a source's answer came from (the parse cache re-checks them), whatever the answer was. */
  const filesOf = (src: string): string[] => {
    const relative = src.split(/[?#]/)[0] ?? src;
    if (!isPhotoSource(src)) return [path.join(publicDir, relative)];
    const found = photos.get(src);
    const photo = found?.ok ? found.photo : undefined;
    return [path.join(dir, relative), ...(photo ? [path.join(cacheDir, `${photo.hash}.json`)] : [])];
  };
  return { localImage, filesOf };
}

export type ReadOptions = {
  /** Told each file that was parsed rather than taken from the parse cache (tests and benchmarks count them). */
  onParsed?: (file: string) => void;
};

function readArticles(dir: string, problems: ContentProblem[], { onParsed }: ReadOptions): Article[] {
  const articlesDir = path.join(dir, "articles");
  if (!fs.existsSync(articlesDir)) {
    problems.push({
      file: "articles/",
      message: say(
        `폴더가 ${dir}에 없습니다. 폴더를 만들고 기사마다 .md 파일을 하나씩 넣으세요.`,
        `folder is missing in ${dir}. Create it and put one .md file per article in it.`,
      ),
    });
    return [];
  }
  const images = articleImageReader(dir);
  const committed = gitCommitTimes(dir);
  const cache = openParseCache(dir);
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  const files = new Set<string>();
  /** A file's parse by its bytes, from the cache or fresh, noted in the cache with the identity it was read at. */
  const parseFile = (full: string, file: string, slug: string, identity: FileIdentity, committedAt: string | undefined) => {
    const bytes = fs.readFileSync(full);
    const key = cache?.keyOf(bytes, committedAt);
    let parsed = key ? cache!.get(file, key) : undefined;
    if (!parsed) {
      const used: string[] = [];
      const localImage = (src: string) => {
        const found = images.localImage(src);
        used.push(...images.filesOf(src));
        return found;
      };
      const decoded = decodeContentFile(bytes);
      parsed = decoded.ok
        ? parseArticle(file, slug, decoded.text, { localImage }, committedAt)
        : { problems: [{ file, message: decoded.message }] };
      if (key) cache!.set(file, key, parsed, used);
      onParsed?.(file);
    }
    // Stat before read: had the file changed in between, its times would no longer match next time.
    if (key) cache!.remember(file, key, identity, committedAt);
    return parsed;
  };
  try {
    for (const full of listMarkdownFiles(articlesDir, problems, dir).sort()) {
      const file = path.relative(dir, full);
      const slug = path.basename(full, ".md");
      if (!SLUG_PATTERN.test(slug)) {
        problems.push({
          file,
          message: say(
            `파일 이름 "${slug}"은(는) 주소로 쓸 수 없습니다. 영문 소문자 낱말을 하이픈으로 이어 쓰세요. 예: kanagawa-science-park.md`,
            `file name "${slug}" is not a URL slug. Use lower-case ASCII words joined by hyphens, e.g. kanagawa-science-park.md.`,
          ),
        });
        continue;
      }
      const earlier = seen.get(slug);
      if (earlier) {
        problems.push({
          file,
          message: say(
            `파일 이름 "${slug}"이(가) ${earlier}와(과) 같습니다. 두 기사가 한 주소를 쓸 수는 없으니 한쪽 파일 이름을 바꾸세요.`,
            `has the same slug "${slug}" as ${earlier}: two articles cannot share a URL. Rename one file.`,
          ),
        });
        continue;
      }
      seen.set(slug, file);
      files.add(file);
      const stat = fs.statSync(full, { bigint: true });
      const identity = { size: Number(stat.size), mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs, ino: stat.ino };
      const committedAt = committed.get(file);
      const parsed = cache?.recall(file, identity, committedAt) ?? parseFile(full, file, slug, identity, committedAt);
      if (parsed.article) articles.push(parsed.article);
      else problems.push(...parsed.problems);
    }
    cache?.retain(files);
  } finally {
    cache?.close();
  }
  return articles;
}

/** An article's address as normalizeAlias writes it: /articles/ and the slug, decoded, nothing after. */
const ARTICLE_ADDRESS = /^\/articles\/([^/?]+)$/;

/** References between articles must point at real articles of the right kind; old addresses must be unique. */
/**
 * `broken`: slugs of files that exist but could not be read; a reference to one is not reported as well, so
 * the editor is sent to the broken file's own problem, not told that it does not exist.
 */
function checkReferences(dir: string, articles: Article[], problems: ContentProblem[], broken: ReadonlySet<string>): void {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const aliasOwners = new Map<string, string>();
  const found: (ContentProblem & { at: PropertyKey[] })[] = [];
  let known: string[] | undefined;
  const slugs = () => (known ??= [...bySlug.keys()]);
  for (const article of articles) {
    for (const [at, alias] of article.aliases.entries()) {
      const key = normalizeAlias(alias);
      const owner = aliasOwners.get(key);
      // An article's address answers with its page and never redirects (lib/http/page-routing.ts).
      const addressOf = bySlug.get(ARTICLE_ADDRESS.exec(key)?.[1] ?? "");
      if (owner)
        found.push({
          file: article.file,
          at: ["aliases", at],
          field: "aliases",
          message: say(
            `의 "${alias}"은(는) 이미 ${owner}의 옛 주소입니다. 옛 주소 하나는 기사 하나로만 이어질 수 있습니다.`,
            `"${alias}" is already an alias of ${owner}; an old address can lead to one article only.`,
          ),
        });
      else if (addressOf === article)
        found.push({
          file: article.file,
          at: ["aliases", at],
          field: "aliases",
          message: say(`의 "${alias}"은(는) 이 기사 자신의 주소입니다. 지우세요.`, `"${alias}" is the article's own address.`),
        });
      else if (addressOf)
        found.push({
          file: article.file,
          at: ["aliases", at],
          field: "aliases",
          message: say(
            `의 "${alias}"은(는) ${addressOf.file} 기사의 주소입니다. 옛 주소는 있는 기사의 주소일 수 없습니다. 지우세요.`,
            `"${alias}" is the address of ${addressOf.file}; an old address cannot be a live article's.`,
          ),
        });
      aliasOwners.set(key, article.file);
    }
    for (const [at, slug] of article.related.entries()) {
      if (slug === article.slug)
        found.push({
          file: article.file,
          at: ["related", at],
          field: "related",
          message: say("에 이 기사 자신이 들어 있습니다. 지우세요.", "lists the article itself; remove it."),
        });
      else if (!bySlug.has(slug) && !broken.has(slug))
        found.push({ file: article.file, at: ["related", at], field: "related", message: missingArticle(slug, slugs()) });
    }
    if (article.column) {
      const column = bySlug.get(article.column);
      if (!column && !broken.has(article.column))
        found.push({ file: article.file, at: ["column"], field: "column", message: missingArticle(article.column, slugs()) });
      else if (column && column.kind !== "column")
        found.push({
          file: article.file,
          at: ["column"],
          field: "column",
          message: say(
            `의 "${article.column}"은(는) kind가 "${column.kind}"인 기사입니다. kind가 "column"인 기사만 칼럼 상자로 넣을 수 있습니다.`,
            `names "${article.column}", whose kind is "${column.kind}", not "column".`,
          ),
        });
    }
  }
  // The line of each: the frontmatter read again, once per file and only for the few files with such a problem.
  const frontmatters = new Map<string, string | undefined>();
  for (const { at, ...problem } of found) {
    if (!frontmatters.has(problem.file)) frontmatters.set(problem.file, frontmatterText(path.join(dir, problem.file)));
    const text = frontmatters.get(problem.file);
    problems.push({ ...problem, line: text === undefined ? undefined : lineOfPath(text, at) });
  }
}

/** The missing article's problem, with the slug the editor most likely meant when one is a typo or two away. */
function missingArticle(slug: string, slugs: readonly string[]): string {
  const allowed = Math.max(1, Math.floor(slug.length / 3));
  // Only slugs of about the same length can be that close: a 100,000-article archive is not compared whole.
  const meant = likelyMeant(slug, slugs.filter((known) => Math.abs(known.length - slug.length) <= allowed));
  return meant
    ? say(
        `의 "${slug}"에 해당하는 articles/${slug}.md 파일이 없습니다. "${meant}"을(를) 잘못 쓴 것 같습니다. "${meant}"(으)로 고치세요.`,
        `names "${slug}", but no articles/${slug}.md exists. Did you mean "${meant}"? Change it to "${meant}".`,
      )
    : say(
        `의 "${slug}"에 해당하는 articles/${slug}.md 파일이 없습니다. articles/ 폴더의 파일 이름(.md 앞)을 쓰세요.`,
        `names "${slug}", but no articles/${slug}.md exists. Write the name of a file in articles/ (without .md).`,
      );
}

/** The frontmatter text of `file` (what lineOfPath reads lines in); undefined when it cannot be read again. */
function frontmatterText(file: string): string | undefined {
  try {
    const decoded = decodeContentFile(fs.readFileSync(file));
    // Only the text is wanted: its values were read (and checked) when the file was parsed.
    return decoded.ok ? matter(decoded.text, { engines: { yaml: () => ({}) } }).matter : undefined;
  } catch {
    return undefined;
  }
}

/** A YAML file of the content folder as data; undefined (with the problem recorded) when unreadable. */
function readYamlFile(dir: string, name: string, problems: ContentProblem[]): { data: unknown; text: string } | undefined {
  const decoded = decodeContentFile(fs.readFileSync(path.join(dir, name)));
  if (!decoded.ok) {
    problems.push({ file: name, message: decoded.message });
    return undefined;
  }
  try {
    return { data: parseYaml(decoded.text, { uniqueKeys: true, prettyErrors: false }), text: decoded.text };
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const line = decoded.text.slice(0, error.pos[0]).split("\n").length;
    const reason = yamlReason(error.code, error.message.split("\n")[0] ?? error.code);
    problems.push({ file: name, line, message: say(`에 YAML 문법 오류가 있습니다: ${reason}`, `has a YAML syntax error: ${reason}`) });
    return undefined;
  }
}

function readPublisher(dir: string, problems: ContentProblem[]): Publisher | undefined {
  const name = "publisher.yaml";
  if (!fs.existsSync(path.join(dir, name))) {
    problems.push({
      file: name,
      message: say(
        "파일이 없습니다. 모든 면에 법정 고지 사항(제호, 등록번호, 발행인, 청소년보호책임자 …)이 나가야 합니다. 저장소의 content/publisher.yaml을 복사해 우리 신문의 값을 채우세요.",
        "is missing. Every page must show the paper's statutory notices (제호, 등록번호, 발행인, 청소년보호책임자 …): copy content/publisher.yaml from the repository and fill in your paper's values.",
      ),
    });
    return undefined;
  }
  const read = readYamlFile(dir, name, problems);
  if (!read) return undefined;
  const result = publisherSchema.safeParse(read.data ?? {}, { error: zodMessages });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join(".");
      problems.push({ file: name, line: lineOfPath(read.text, issue.path), field: field || undefined, message: issue.message });
    }
    return undefined;
  }
  if (result.data.sample && isProductionUrl(site.url))
    problems.push({
      file: name,
      line: lineOfKey(read.text, "sample"),
      field: "sample",
      message: say(
        `이(가) true입니다. 본보기 값이 그대로인데 이 빌드는 ${site.url}에 공개됩니다. 우리 신문의 등록 값을 쓰고 sample: false로 바꾸세요.`,
        `still holds the sample values, and this build is for ${site.url}. Write your paper's registered values and set sample: false.`,
      ),
    });
  return result.data;
}

function readBanners(dir: string, problems: ContentProblem[]): Banner[] {
  if (!fs.existsSync(path.join(dir, "banners.yaml"))) return [];
  const read = readYamlFile(dir, "banners.yaml", problems);
  if (!read) return [];
  const result = bannersFileSchema.safeParse(read.data ?? { banners: [] }, { error: zodMessages });
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: "banners.yaml", line: lineOfPath(read.text, issue.path), field: issue.path.join("."), message: issue.message });
    }
    return [];
  }
  const localImage = publicImageReader(path.resolve(/* turbopackIgnore: true */ process.cwd(), "public"));
  result.data.banners.forEach((banner, index) => {
    if (!localImage(banner.image.src)) {
      problems.push({
        file: "banners.yaml",
        line: lineOfPath(read.text, ["banners", index, "image", "src"]),
        field: `banners.${index}.image.src`,
        message: say(`"${banner.image.src}" 파일이 public/ 아래에 없습니다.`, `"${banner.image.src}" does not exist under public/.`),
      });
    }
  });
  return result.data.banners;
}

/** content/search-abbreviations.yaml, checked; none when there is no such file. */
function readAbbreviations(dir: string, problems: ContentProblem[]): Record<string, string> {
  const name = "search-abbreviations.yaml";
  if (!fs.existsSync(path.join(dir, name))) return {};
  const read = readYamlFile(dir, name, problems);
  if (!read) return {};
  const result = abbreviationsFileSchema.safeParse(read.data ?? { abbreviations: {} }, { error: zodMessages });
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push({ file: name, line: lineOfPath(read.text, issue.path), field: issue.path.join("."), message: issue.message });
    return {};
  }
  return result.data.abbreviations;
}

/**
 * `articles` with the words their titles' abbreviations stand for (Article.headlineWords). Only an article
 * whose title has one becomes a new object; the others stay the parse cache's, with their digests.
 */
function withHeadlineWords(articles: Article[], abbreviations: Record<string, string>): Article[] {
  const keys = Object.keys(abbreviations);
  if (!keys.length) return articles;
  return articles.map((article) => {
    const words = keys.filter((key) => article.title.includes(key)).map((key) => abbreviations[key]!);
    return words.length ? { ...article, headlineWords: [...new Set(words)] } : article;
  });
}

/** Reads and validates everything under `dir`; throws ContentError listing every problem if any file is broken. */
export function readContent(dir: string = contentDir(), options: ReadOptions = {}): Content {
  const problems: ContentProblem[] = [];
  const articles = readArticles(dir, problems, options);
  const broken = new Set(problems.filter((p) => p.file.endsWith(".md")).map((p) => path.basename(p.file, ".md")));
  checkReferences(dir, articles, problems, broken);
  const banners = readBanners(dir, problems);
  const publisher = readPublisher(dir, problems);
  const abbreviations = readAbbreviations(dir, problems);
  if (problems.length || !publisher) throw new ContentError(problems);
  sortIntoContentOrder(articles);
  return { articles: withHeadlineWords(articles, abbreviations), banners, publisher, abbreviations };
}

// Process-wide, not module-wide: pages and route handlers are separate bundles, each with its own copy of
// this module, and a build worker renders both; one parse per process instead of one per bundle.
const loaded: Map<string, Content> = ((globalThis as { [key: symbol]: Map<string, Content> })[Symbol.for("portal.loadedContent")] ??=
  new Map());

/** readContent, once per folder per process (and once per `next build`, see build-snapshot.ts). */
export function loadContent(dir: string = contentDir()): Content {
  let content = loaded.get(dir);
  if (!content) {
    content = sharedWithinBuild(`content:${path.resolve(dir)}`, () => readContent(dir));
    loaded.set(dir, content);
  }
  return content;
}
