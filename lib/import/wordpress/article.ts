// One WordPress post as the portal's article file: its frontmatter (title, KST dates, section by the
// category mapping, authors, tags, summary from the excerpt, the featured image as the lead when it is
// large enough) and its body as Markdown (lib/import/wordpress/body.ts).
import { stringify } from "yaml";
import { say } from "@/lib/editor-language";
import { toKstEditorDate } from "@/lib/dates";
import { LEAD_MIN_WIDTH, readPhoto } from "@/lib/images/photos";
import { convertBody, type BodyPhoto } from "@/lib/import/wordpress/body";
import { oldAddresses } from "@/lib/import/wordpress/slugs";
import type { WxrItem } from "@/lib/import/wordpress/wxr";
import { count, digestOf, type ImportOptions, type ImportReport } from "@/lib/import/wordpress/report";

/** The labelled placeholder (public/images/) an image whose file is missing becomes. */
export const MISSING_PHOTO = "/images/wordpress-missing-photo.svg";

/** A WordPress GMT date ("2008-11-09 10:59:40") as an instant, or undefined ("0000-00-00 00:00:00"). */
export function gmtInstant(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match || match[1] === "0000") return undefined;
  const instant = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
  return Number.isNaN(instant) ? undefined : instant;
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
export function safeName(relative: string): string {
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

export type Attachment = { url: string; alt: string };

/** What the first pass learns: who wrote, the attachments, and each post's slug. */
export type Catalog = {
  site: string;
  siteHost: string;
  authors: Map<string, string>;
  attachments: Map<number, Attachment>;
  attachmentsByUrl: Map<string, Attachment>;
  slugs: Map<number, string>;
};

/** The article file (frontmatter and Markdown) of a post. */
export function articleOf(
  item: WxrItem,
  slug: string,
  catalog: Catalog,
  options: ImportOptions,
  report: ImportReport,
  photo: (url: string, alt: string) => BodyPhoto,
  undatedAt: () => number = Date.now,
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
    published = undatedAt();
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
    date: toKstEditorDate(published!),
    ...(modified !== undefined && modified > published! + 60_000 ? { updated: toKstEditorDate(modified) } : {}),
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
