// npm run content:import -- --from wordpress: a WordPress export (WXR) written as the portal's own files
// and data. Two streaming passes over the export (the first learns the authors, the attachments and a
// slug for every post; the second writes each post as it reads it), so a 1 GB archive never sits in
// memory. What it writes:
// - content/articles/<slug>.md per post (publish → published, future → scheduled, draft/pending → draft;
//   private and trash are counted, not imported), with the old addresses as `aliases`;
// - content/images/wordpress/… for each photo found under --uploads (checked as content:check checks
//   them), a labelled placeholder for each one missing;
// - approved comments into the comments store (lib/engagement/imported-comments.ts);
// - content/imports/wordpress.json: per post, the file written and its digest, so that importing again
//   updates only what the export changed and never overwrites a file an editor has changed since.
import fs from "node:fs";
import matter from "gray-matter";
import path from "node:path";
import { say } from "@/lib/editor-language";
import { parseEditorDate } from "@/lib/dates";
import { readPhoto } from "@/lib/images/photos";
import type { ImportedComment } from "@/lib/engagement/imported-comments";
import type { BodyPhoto } from "@/lib/import/wordpress/body";
import { uniqueSlug } from "@/lib/import/wordpress/slugs";
import { readWxr, type WxrComment, type WxrItem } from "@/lib/import/wordpress/wxr";
import {
  articleOf,
  gmtInstant,
  MISSING_PHOTO,
  plainText,
  safeName,
  uploadsPath,
  type Catalog,
} from "@/lib/import/wordpress/article";
import { count, digestOf, newReport, type ImportOptions, type ImportReport } from "@/lib/import/wordpress/report";

/** Where the import keeps what it wrote, for the next import (relative to the content folder). */
export const MANIFEST_FILE = "imports/wordpress.json";
/** Posts too long for one article file (content:check's 512 KB), kept whole for an editor to split. */
export const HELD_DIR = "imports/wordpress-held";
/** content:check's limit for one article file. */
const MAX_ARTICLE_BYTES = 512 * 1024;
/**
 * A body's HTML past this is not converted: its Markdown would need to be two thirds of it to fit in an
 * article file, and its syntax trees (~65 bytes per byte of HTML) beside a 100,000-post import's own data
 * would not fit the import's 160 MB heap.
 */
const MAX_CONVERTED_HTML_BYTES = 768 * 1024;

/** A post's file is articles/<slug>.md; its digest is of the text the import wrote. */
type ManifestEntry = { slug: string; digest: string };
/** Posts imported so far, by site and post ID: the same ID of another site is another post. */
type Manifest = { posts: Record<string, ManifestEntry> };
const postKey = (site: string, id: number) => `${site}#${id}`;

/** Writes `text` to `file` whole or not at all: an interrupted import never leaves half an article. */
function writeWhole(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

const IMPORTED_TYPES = new Set(["post"]);
const IMPORTED_STATUSES = new Set(["publish", "future", "draft", "pending"]);

function readManifest(contentDir: string): Manifest | undefined {
  const file = path.join(contentDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
}

/** The articles already in the content folder, by slug. */
function existingSlugs(contentDir: string): Set<string> {
  const dir = path.join(contentDir, "articles");
  if (!fs.existsSync(dir)) return new Set();
  return new Set(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3)),
  );
}

async function firstPass(file: string, manifest: Manifest | undefined, taken: Set<string>): Promise<Catalog> {
  const catalog: Catalog = {
    site: "",
    siteHost: "",
    authors: new Map(),
    attachments: new Map(),
    attachmentsByUrl: new Map(),
    slugs: new Map(),
  };
  const posts: { id: number; name: string; title: string }[] = [];
  for await (const record of readWxr(file)) {
    if (record.kind === "site") {
      catalog.site = record.baseBlogUrl || record.link || record.baseSiteUrl;
      try {
        catalog.siteHost = new URL(catalog.site).host;
      } catch {
        catalog.siteHost = catalog.site || "wordpress";
      }
    } else if (record.kind === "author") catalog.authors.set(record.login, record.displayName || record.login);
    else if (record.type === "attachment") {
      const attachment = { url: record.attachmentUrl, alt: (record.meta._wp_attachment_image_alt ?? "").trim() };
      catalog.attachments.set(record.id, attachment);
      if (attachment.url) catalog.attachmentsByUrl.set(attachment.url, attachment);
    } else if (IMPORTED_TYPES.has(record.type) && IMPORTED_STATUSES.has(record.status)) {
      // Only what slugs need is kept (100,000 whole records held ~100 MB): the rest is read again in the second pass.
      posts.push({ id: record.id, name: record.name, title: record.title });
    }
  }
  // A post imported before keeps its slug (its file and every link to it); new ones take free slugs.
  for (const post of posts) {
    const known = manifest?.posts[postKey(catalog.site, post.id)];
    if (known) catalog.slugs.set(post.id, known.slug);
  }
  for (const slug of catalog.slugs.values()) taken.add(slug);
  for (const post of posts) if (!catalog.slugs.has(post.id)) catalog.slugs.set(post.id, uniqueSlug(post, taken));
  return catalog;
}

/** Imports the export at options.file; see the file's head. */
export async function importWordpress(options: ImportOptions): Promise<ImportReport> {
  const report = newReport();
  const { contentDir } = options;
  const previous = readManifest(contentDir);
  const catalog = await firstPass(options.file, previous, existingSlugs(contentDir));
  const manifest: Manifest = previous ?? { posts: {} };
  const copied = new Map<string, BodyPhoto | undefined>();
  const pending: ImportedComment[] = [];
  const flushComments = async (all = false) => {
    if (options.comments && (all || pending.length >= 1000)) await options.comments(pending.splice(0));
  };

  /** The photo for an image URL: copied from the uploads and checked, or undefined (missing or refused). */
  const photoFile = (url: string, postId: number): BodyPhoto | undefined => {
    if (copied.has(url)) return copied.get(url);
    let found: BodyPhoto | undefined;
    const relative = uploadsPath(url);
    const uploads = options.uploads && path.resolve(options.uploads);
    if (relative && uploads) {
      const source = path.resolve(uploads, relative);
      if (!source.startsWith(uploads + path.sep))
        report.warnings.push({
          id: postId,
          message: say(
            `사진 주소 "${url}"이(가) 업로드 폴더 밖을 가리켜 가져오지 않았습니다.`,
            `photo URL "${url}" points outside the uploads folder: not copied.`,
          ),
        });
      else if (fs.existsSync(source) && fs.statSync(source).isFile()) {
        const src = `/images/wordpress/${safeName(relative)}`;
        const target = path.join(contentDir, src.slice(1));
        if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(source).size)
          writeWhole(target, fs.readFileSync(source));
        const checked = readPhoto(contentDir, src, options.imageCacheDir);
        if (checked.ok) {
          found = { src, alt: "" };
          report.photos.copied++;
        } else {
          fs.rmSync(target, { force: true });
          report.warnings.push({
            id: postId,
            message: say(
              `사진 "${relative}"을(를) 쓸 수 없어 자리표시로 둡니다: ${checked.message}`,
              `photo "${relative}" cannot be used, a placeholder stands in: ${checked.message}`,
            ),
          });
        }
      }
    }
    copied.set(url, found);
    return found;
  };

  const photoFor =
    (post: WxrItem) =>
    (url: string, alt: string): BodyPhoto => {
      const attachment = catalog.attachmentsByUrl.get(url);
      const given = alt || attachment?.alt || "";
      const file = url ? photoFile(url, post.id) : undefined;
      if (file) return { src: file.src, alt: given || say("사진(원문에 설명 없음)", "Photo (no description in the original)") };
      report.photos.placeholders++;
      const users = (report.missingPhotos[url || "(src 없음)"] ??= []);
      if (!users.includes(post.id)) users.push(post.id);
      return {
        src: MISSING_PHOTO,
        alt: say(
          `사진 없음: 원본 사진 파일을 찾지 못했습니다${given ? ` (${given})` : ""}`,
          `Missing photo: the original file was not found${given ? ` (${given})` : ""}`,
        ),
      };
    };

  for await (const record of readWxr(options.file)) {
    if (record.kind !== "item") continue;
    const item = record;
    if (!IMPORTED_TYPES.has(item.type)) {
      count(report.skipped, item.type || "(type 없음)");
      continue;
    }
    count(report.statuses, item.status || "(status 없음)");
    if (!IMPORTED_STATUSES.has(item.status)) {
      count(report.skipped, `post:${item.status || "?"}`);
      continue;
    }
    const slug = catalog.slugs.get(item.id)!;
    // An enormous post cannot become one article (content:check's 512 KB) and its syntax trees would
    // take ~60 bytes of memory per byte of HTML (a 10 MB post: 600 MB): it is kept as the export gave it.
    const rawBytes = Buffer.byteLength(item.content);
    const relativeFile = `articles/${slug}.md`;
    const target = path.join(contentDir, relativeFile);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
    const article =
      rawBytes > MAX_CONVERTED_HTML_BYTES
        ? undefined
        : articleOf(item, slug, catalog, options, report, photoFor(item), () => importedDate(current) ?? Date.now());
    if (article === undefined || Buffer.byteLength(article) > MAX_ARTICLE_BYTES) {
      const held = `${HELD_DIR}/${item.id}.${article === undefined ? "html" : "md"}`;
      const kb = Math.round((article === undefined ? rawBytes : Buffer.byteLength(article)) / 1024);
      writeWhole(path.join(contentDir, held), article ?? item.content);
      report.posts.held++;
      report.warnings.push({
        id: item.id,
        title: item.title,
        message: say(
          `본문이 ${kb} KB로 기사 파일 한도(512 KB)를 넘어 ${held}에 그대로 두었습니다. 나누어 articles/로 옮기세요.`,
          `the text is ${kb} KB, over an article file's 512 KB: kept whole in ${held}. Split it and move the parts into articles/.`,
        ),
      });
      continue;
    }
    const known = manifest.posts[postKey(catalog.site, item.id)];
    const exists = current !== undefined;
    const editorChanged = known && (current === undefined ? true : digestOf(current) !== known.digest);
    if (editorChanged && !options.force) {
      report.posts.conflicts++;
      report.warnings.push({
        id: item.id,
        title: item.title,
        message:
          current === undefined
            ? say(
                `${relativeFile}이(가) 가져온 뒤 지워졌습니다. 다시 만들지 않았습니다(--force로 다시 만듭니다).`,
                `${relativeFile} was deleted after it was imported: not written again (--force writes it).`,
              )
            : say(
                `${relativeFile}은(는) 가져온 뒤 편집자가 고쳤습니다. 덮어쓰지 않았습니다(--force로 덮어씁니다).`,
                `${relativeFile} was changed by an editor after it was imported: not overwritten (--force overwrites it).`,
              ),
      });
    } else if (current === article) report.posts.unchanged++;
    else {
      writeWhole(target, article);
      if (known || exists) report.posts.updated++;
      else report.posts.created++;
    }
    if (!editorChanged || options.force) manifest.posts[postKey(catalog.site, item.id)] = { slug, digest: digestOf(article) };
    queueComments(item, slug, catalog, report, pending);
    await flushComments();
  }
  await flushComments(true);
  writeWhole(path.join(contentDir, MANIFEST_FILE), `${JSON.stringify(manifest)}\n`);
  return report;
}

/** The post's approved comments, parents first, for the comments store; the rest counted. */
/**
 * The date an earlier import wrote into an article file's frontmatter (`text`, Korean time), if there is one:
 * a post without a date keeps the one it was first imported with, so importing the same export again
 * changes nothing (it took the import's own time, and moved a second later on every run).
 */
function importedDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const { date } = matter(text, {}).data as { date?: unknown };
  const parsed = typeof date === "string" ? parseEditorDate(date) : undefined;
  return parsed?.ok ? Date.parse(parsed.iso) : undefined;
}

function queueComments(item: WxrItem, slug: string, catalog: Catalog, report: ImportReport, pending: ImportedComment[]): void {
  const keyOf = (id: number) => `wordpress:${catalog.siteHost}:${id}`;
  const approved = new Map<number, WxrComment>();
  for (const comment of item.comments) {
    const type = comment.type || "comment";
    if (comment.approved === "spam") count(report.comments.skipped, "spam");
    else if (comment.approved === "trash") count(report.comments.skipped, "trash");
    else if (type !== "comment") count(report.comments.skipped, type);
    else if (comment.approved !== "1") count(report.comments.skipped, "unapproved");
    else approved.set(comment.id, comment);
  }
  // Parents before replies, whatever order the export wrote them in.
  const placed = new Set<number>();
  const place = (comment: WxrComment, depth = 0) => {
    if (placed.has(comment.id) || depth > 100) return;
    const parent = approved.get(comment.parent);
    if (parent) place(parent, depth + 1);
    placed.add(comment.id);
    const createdAt = gmtInstant(comment.dateGmt) ?? gmtInstant(comment.date) ?? 0;
    pending.push({
      key: keyOf(comment.id),
      ...(parent ? { parentKey: keyOf(parent.id) } : {}),
      slug,
      nickname: comment.author.trim() || say("익명", "Anonymous"),
      body: plainText(comment.content),
      createdAt,
    });
    report.comments.offered++;
  };
  for (const comment of approved.values()) place(comment);
}
