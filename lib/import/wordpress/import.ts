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
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseDocument, stringify } from "yaml";
import { lineOfPath, say } from "@/lib/content/problems";
import { SECTIONS, type SectionSlug } from "@/lib/site";
import { readPhoto } from "@/lib/images/photos";
import type { ImportedComment } from "@/lib/engagement/imported-comments";
import { convertBody, type BodyPhoto } from "@/lib/import/wordpress/body";
import { oldAddresses, uniqueSlug } from "@/lib/import/wordpress/slugs";
import { readWxr, type WxrComment, type WxrItem } from "@/lib/import/wordpress/wxr";

/** Where the import keeps what it wrote, for the next import (relative to the content folder). */
export const MANIFEST_FILE = "imports/wordpress.json";
/** The editable category → section mapping (relative to the content folder). */
export const SECTIONS_FILE = "imports/wordpress-sections.yaml";
/** Posts too long for one article file (content:check's 512 KB), kept whole for an editor to split. */
export const HELD_DIR = "imports/wordpress-held";
/** The labelled placeholder (public/images/) an image whose file is missing becomes. */
export const MISSING_PHOTO = "/images/wordpress-missing-photo.svg";
/** content:check's limit for one article file. */
const MAX_ARTICLE_BYTES = 512 * 1024;
/**
 * A body's HTML past this is not converted: its Markdown would need to be two thirds of it to fit in an
 * article file, and its syntax trees (~65 bytes per byte of HTML) beside a 100,000-post import's own data
 * would not fit the import's 160 MB heap.
 */
const MAX_CONVERTED_HTML_BYTES = 768 * 1024;
/** A lead photo must be this wide (lib/content/schema.ts); a narrower featured image opens the body instead. */
const LEAD_MIN_WIDTH = 1200;

export type SectionMapping = { fallback: SectionSlug; categories: Record<string, SectionSlug> };

/** A post's file is articles/<slug>.md; its digest is of the text the import wrote. */
type ManifestEntry = { slug: string; digest: string };
/** Posts imported so far, by site and post ID: the same ID of another site is another post. */
type Manifest = { posts: Record<string, ManifestEntry> };
const postKey = (site: string, id: number) => `${site}#${id}`;

export type ImportOptions = {
  /** The export (WXR). */
  file: string;
  /** The content folder written to (content/ unless CONTENT_DIR says otherwise). */
  contentDir: string;
  /** The site's wp-content/uploads folder, when the photos came with the export. */
  uploads?: string;
  /** Overwrite articles an editor has changed since they were imported. */
  force?: boolean;
  sections: SectionMapping;
  /** Where the photo checks keep their measurements (lib/site.ts imageCacheDir). */
  imageCacheDir: string;
  /** Takes each post's approved comments (the CLI stores them a thousand at a time). */
  comments?: (comments: ImportedComment[]) => Promise<void>;
};

export type ImportWarning = { id?: number; title?: string; message: string };

export type ImportReport = {
  posts: { created: number; updated: number; unchanged: number; conflicts: number; held: number };
  /** Posts by WordPress status, imported or not. */
  statuses: Record<string, number>;
  /** Items not imported by kind (page, attachment, nav_menu_item…) or status (private, trash…). */
  skipped: Record<string, number>;
  photos: { copied: number; placeholders: number };
  comments: { offered: number; skipped: Record<string, number> };
  /** What the bodies lost: element or attribute → count. */
  dropped: Record<string, number>;
  unknownCategories: Record<string, number>;
  /** Missing photo files → the posts that use them. */
  missingPhotos: Record<string, number[]>;
  warnings: ImportWarning[];
};

const newReport = (): ImportReport => ({
  posts: { created: 0, updated: 0, unchanged: 0, conflicts: 0, held: 0 },
  statuses: {},
  skipped: {},
  photos: { copied: 0, placeholders: 0 },
  comments: { offered: 0, skipped: {} },
  dropped: {},
  unknownCategories: {},
  missingPhotos: {},
  warnings: [],
});

const count = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);
/** A file's fingerprint: 128 bits of SHA-256 tell an editor's change apart (100,000 of them are kept). */
const digestOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

/** Writes `text` to `file` whole or not at all: an interrupted import never leaves half an article. */
function writeWhole(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

/** A WordPress GMT date ("2008-11-09 10:59:40") as an instant, or undefined ("0000-00-00 00:00:00"). */
function gmtInstant(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match || match[1] === "0000") return undefined;
  const instant = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
  return Number.isNaN(instant) ? undefined : instant;
}

/** An instant as the portal's editor date in Korean time ("2008-11-09 19:59:40"). */
function kstDate(instant: number): string {
  return new Date(instant + 9 * 3_600_000).toISOString().replace("T", " ").slice(0, 19);
}

/** Text of a little HTML (excerpts, comments): tags gone, entities of the common kinds read, lines kept. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .trim();
}

/** Cuts `text` to `max` characters at a word, with an ellipsis. */
function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join("");
  const at = head.lastIndexOf(" ");
  return `${(at > max / 2 ? head.slice(0, at) : head).trimEnd()}…`;
}

/** The part of an uploads URL below wp-content/uploads (or the media host's year/month path). */
export function uploadsPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://upload.invalid").pathname);
  } catch {
    return undefined;
  }
  const at = pathname.indexOf("/wp-content/uploads/");
  if (at >= 0) return pathname.slice(at + "/wp-content/uploads/".length);
  const dated = /\/(\d{4}\/\d{2}\/[^/]+)$/.exec(pathname);
  return dated?.[1];
}

/** A file name the portal's photo URLs carry without escaping: ASCII words, the extension kept. */
function safeName(relative: string): string {
  const safe = relative
    .split("/")
    .map(
      (part) =>
        part
          .normalize("NFKD")
          .replace(/[^A-Za-z0-9._-]+/g, "-")
          .replace(/^-+|-+$/g, "") || "photo",
    )
    .join("/");
  return safe === relative ? safe : safe.replace(/(\.[A-Za-z0-9]+)?$/, (ext) => `-${digestOf(relative).slice(0, 6)}${ext}`);
}

type Attachment = { url: string; alt: string };

/** What the first pass learns: who wrote, the attachments, and each post's slug. */
type Catalog = {
  site: string;
  siteHost: string;
  authors: Map<string, string>;
  attachments: Map<number, Attachment>;
  attachmentsByUrl: Map<string, Attachment>;
  slugs: Map<number, string>;
};

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
    const article =
      rawBytes > MAX_CONVERTED_HTML_BYTES ? undefined : articleOf(item, slug, catalog, options, report, photoFor(item));
    const relativeFile = `articles/${slug}.md`;
    const target = path.join(contentDir, relativeFile);
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
    const exists = fs.existsSync(target);
    const current = exists ? fs.readFileSync(target, "utf8") : undefined;
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

/** The article file (frontmatter and Markdown) of a post. */
function articleOf(
  item: WxrItem,
  slug: string,
  catalog: Catalog,
  options: ImportOptions,
  report: ImportReport,
  photo: (url: string, alt: string) => BodyPhoto,
): string {
  const warn = (message: string) => report.warnings.push({ id: item.id, title: item.title, message });
  const title = plainText(item.title).replace(/\s+/g, " ").trim();
  // A password-protected post was not public on the old site: it waits as a draft for an editor's decision.
  const isProtected = item.password.trim() !== "";
  if (isProtected)
    warn(
      say(
        "옛 사이트에서 비밀번호로 보호된 글이라 초안으로 가져왔습니다. 공개할지 정한 뒤 draft: true를 지우세요.",
        "was password-protected on the old site: imported as a draft. Decide whether to publish it, then remove draft: true.",
      ),
    );
  const draft = item.status === "draft" || item.status === "pending" || isProtected;
  let published = gmtInstant(item.postDateGmt);
  if (published === undefined && gmtInstant(item.postDate) !== undefined) {
    // Drafts carry no GMT date: the site's local time, taken as Korean time.
    published = gmtInstant(item.postDate)! - 9 * 3_600_000;
  }
  if (published === undefined && item.pubDate && !Number.isNaN(Date.parse(item.pubDate))) published = Date.parse(item.pubDate);
  const dateMissing = published === undefined;
  if (dateMissing) {
    warn(
      say(
        "날짜가 없어 초안으로 가져왔습니다. date를 정하고 draft: true를 지우세요.",
        "has no date: imported as a draft. Set date and remove draft: true.",
      ),
    );
    published = Date.now();
  }
  if (!title)
    warn(
      say(
        "제목이 없어 초안으로 가져왔습니다. title을 쓰고 draft: true를 지우세요.",
        "has no title: imported as a draft. Write a title and remove draft: true.",
      ),
    );
  const modified = gmtInstant(item.modifiedGmt);

  const categories = item.categories.filter((c) => c.domain === "category");
  const sectionOf = (c: { nicename: string; name: string }) =>
    options.sections.categories[c.nicename] ??
    options.sections.categories[c.name] ??
    options.sections.categories[decodeURIComponent(c.nicename)];
  const mapped = categories.map(sectionOf).find(Boolean);
  for (const category of categories)
    if (!sectionOf(category) && !/^uncategori[sz]ed$|^미분류$/i.test(category.nicename))
      count(report.unknownCategories, category.name || category.nicename);
  const tags = new Set<string>();
  for (const tag of item.categories.filter((c) => c.domain === "post_tag")) {
    const name = tag.name.replace(/\s+/g, " ").trim();
    if (!name) continue;
    if ([...name].length > 30)
      warn(say(`태그 "${name}"이(가) 30자를 넘어 잘랐습니다.`, `tag "${name}" is over 30 characters: cut.`));
    tags.add([...name].slice(0, 30).join("").trim());
  }
  // A category without a section is kept as a tag, so nothing the old site filed by is lost.
  for (const category of categories)
    if (!sectionOf(category) && category.name && !/^uncategori[sz]ed$|^미분류$/i.test(category.nicename))
      tags.add([...category.name].slice(0, 30).join("").trim());

  const body = convertBody(item.content, {
    photo,
    attachmentUrl: (id) => catalog.attachments.get(id)?.url,
  });
  for (const [what, n] of Object.entries(body.notes.dropped)) count(report.dropped, what, n);
  if (body.notes.linked.length)
    warn(
      say(
        `임베드·갤러리 ${body.notes.linked.length}개를 링크로 바꿨습니다: ${body.notes.linked.slice(0, 3).join(", ")}`,
        `${body.notes.linked.length} embeds or galleries became links: ${body.notes.linked.slice(0, 3).join(", ")}`,
      ),
    );

  let markdown = body.markdown;
  let image: Record<string, string> | undefined;
  const featured = catalog.attachments.get(Number(item.meta._thumbnail_id));
  if (featured?.url) {
    const lead = photo(featured.url, featured.alt);
    const measured = lead.src !== MISSING_PHOTO ? readPhoto(options.contentDir, lead.src, options.imageCacheDir) : undefined;
    if (measured?.ok && measured.photo.width >= LEAD_MIN_WIDTH) image = { src: lead.src, alt: lead.alt };
    else if (!markdown.includes(`](${lead.src}`)) {
      // Too narrow (or missing) for a lead: the photo opens the text instead, where any width will do.
      markdown = `![${lead.alt.replace(/[[\]]/g, "")}](${lead.src})\n\n${markdown}`;
      if (measured?.ok)
        warn(
          say(
            `대표 사진이 ${measured.photo.width} px로 대표 사진 최소 폭(1,200 px)보다 좁아 본문 첫머리에 넣었습니다.`,
            `the featured image is ${measured.photo.width} px wide, under a lead photo's 1,200 px: placed at the top of the text.`,
          ),
        );
    }
  }

  const excerpt = plainText(item.excerpt).replace(/\s+/g, " ").trim();
  if ([...excerpt].length > 300)
    warn(say("요약(excerpt)이 300자를 넘어 잘랐습니다.", "the excerpt is over 300 characters: cut."));
  const authorName = catalog.authors.get(item.creator) ?? item.creator;
  const frontmatter: Record<string, unknown> = {
    title: title || say(`(제목 없음: 워드프레스 글 ${item.id})`, `(Untitled: WordPress post ${item.id})`),
    date: kstDate(published!),
    ...(modified !== undefined && modified > published! + 60_000 ? { updated: kstDate(modified) } : {}),
    section: mapped ?? options.sections.fallback,
    ...(authorName ? { authors: [{ name: authorName }] } : {}),
    ...(tags.size ? { tags: [...tags] } : {}),
    ...(excerpt ? { summary: cut(excerpt, 300) } : {}),
    ...(image ? { image } : {}),
    ...(draft || dateMissing || !title ? { draft: true } : {}),
    aliases: oldAddresses(item.link, item.id),
  };
  if (!markdown.trim()) markdown = say("(원문에 본문이 없습니다.)", "(The original has no text.)");
  const header = `# Imported from WordPress: post ${item.id} of ${catalog.site || "the export"} (npm run content:import).\n# Edit freely: importing again never overwrites a file changed since it was imported.\n`;
  return `---\n${header}${stringify(frontmatter, { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" })}---\n\n${markdown}\n`;
}

/**
 * The category → section mapping at `file` (content/imports/wordpress-sections.yaml): `fallback:` a
 * section for posts whose categories it does not list, `categories:` WordPress category slug or name →
 * section. Throws with the file, line and fix when it names a section that does not exist.
 */
export function readSectionMapping(file: string, relative: string = SECTIONS_FILE): SectionMapping {
  const known = SECTIONS.map((s) => s.slug) as string[];
  if (!fs.existsSync(file)) return { fallback: "society", categories: {} };
  const text = fs.readFileSync(file, "utf8");
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length) throw new Error(`${relative}: ${document.errors[0]!.message}`);
  const value = (document.toJS() ?? {}) as { fallback?: unknown; categories?: Record<string, unknown> };
  const bad = (key: string[], got: unknown) =>
    new Error(
      `${relative}:${lineOfPath(text, key) ?? 1}: ${say(
        `"${String(got)}"은(는) 섹션이 아닙니다. ${known.join(", ")} 가운데 하나를 쓰세요.`,
        `"${String(got)}" is not a section. Use one of: ${known.join(", ")}.`,
      )}`,
    );
  const fallback = value.fallback ?? "society";
  if (typeof fallback !== "string" || !known.includes(fallback)) throw bad(["fallback"], fallback);
  const categories: Record<string, SectionSlug> = {};
  for (const [category, section] of Object.entries(value.categories ?? {})) {
    if (typeof section !== "string" || !known.includes(section)) throw bad(["categories", category], section);
    categories[category] = section as SectionSlug;
  }
  return { fallback: fallback as SectionSlug, categories };
}
