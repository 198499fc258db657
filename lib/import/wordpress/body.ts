// A WordPress post body (classic editor HTML with shortcodes, or block-editor HTML with <!-- wp: -->
// comments) as the portal's Markdown, through the unified family the portal renders with: rehype-parse →
// the tree fixed here → rehype-remark → remark-stringify (with GFM tables). What becomes what:
// - [caption] and block figures → the portal's photo line `![alt](src "caption")`; each <img> goes through
//   `photo` (copied from the uploads, or a labelled placeholder);
// - [gallery], [embed]/[video]/[audio], <iframe>/<video>/<audio>/<embed> → links, noted;
// - <script>, <style>, forms, event handlers and javascript: links → dropped, counted;
// - block comments and classic paragraphs (wpautop's blank lines) → plain Markdown paragraphs.
import type { Element, ElementContent, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { say } from "@/lib/editor-language";

/** What the body's <img> becomes: a photo under content/images/ or a labelled placeholder, with its alt. */
export type BodyPhoto = { src: string; alt: string };

export type BodyOptions = {
  /** The photo for an image URL (the attachment's file, or a placeholder), given the alt the HTML had. */
  photo: (url: string, alt: string) => BodyPhoto;
  /** An attachment's URL by its ID ([gallery ids="…"]). */
  attachmentUrl: (id: number) => string | undefined;
};

export type BodyNotes = {
  /** Elements and attributes the portal would not publish, dropped: name → count. */
  dropped: Record<string, number>;
  /** Embeds, iframes and galleries turned into links. */
  linked: string[];
};

export type ConvertedBody = { markdown: string; notes: BodyNotes };

/** Elements dropped with their content: nothing of them is text a reader should see. */
const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "object",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "link",
  "meta",
  "base",
  "svg",
  "math",
]);
/** Elements that embed another site's player or page: kept as a link to it. */
const EMBEDS = new Set(["iframe", "video", "audio", "embed", "source"]);
const SAFE_HREF = /^(?:https?:|mailto:|\/|#|\.\.?\/)/i;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp|tiff?|heic|avif)(?:[?#].*)?$/i;
const BLOCK_START =
  /^<(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|hr|dl|dt|dd|address|section|article|aside|header|footer|nav|!--)[\s>/]/i;

/** WordPress's own shortcode attributes: name="value", name='value' or name=value. */
function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g))
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  return attributes;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Shortcodes as HTML the tree step understands: [caption] as a figure, the rest as links or nothing. */
function expandShortcodes(html: string, options: BodyOptions, notes: BodyNotes): string {
  return html
    .replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_, attributes: string, inner: string) => {
      const caption = shortcodeAttributes(attributes).caption;
      // The caption is the attribute (old exports) or the text after the image (newer ones).
      const image = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
      if (!image) return inner;
      return `<figure>${image[1]}<figcaption>${caption ? escapeHtml(caption) : image[2]!.trim()}</figcaption></figure>`;
    })
    .replace(/\[gallery([^\]]*)\]/gi, (_, attributes: string) => {
      const ids = (shortcodeAttributes(attributes).ids ?? "")
        .split(",")
        .map((id) => Number(id.trim()))
        .filter((id) => id > 0);
      const urls = ids.map((id) => options.attachmentUrl(id)).filter((url): url is string => !!url);
      notes.linked.push(`[gallery${attributes}]`);
      if (!urls.length) return "";
      return `<ul>${urls.map((url, i) => `<li><a href="${escapeHtml(url)}">갤러리 사진 ${i + 1}</a></li>`).join("")}</ul>`;
    })
    .replace(
      /\[(embed|video|audio|playlist)([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/gi,
      (_, name: string, attributes: string, inner?: string) => {
        const a = shortcodeAttributes(attributes);
        const url = (inner ?? "").trim() || a.src || a.mp4 || a.mp3 || a.url || "";
        notes.linked.push(`[${name}] ${url}`.trim());
        return url && SAFE_HREF.test(url) ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : "";
      },
    )
    .replace(
      /^\s*(https?:\/\/(?:www\.)?(?:youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com)\/\S+)\s*$/gim,
      (_, url: string) => {
        // WordPress embeds a known provider's URL alone on a line; here it stays a link.
        notes.linked.push(url);
        return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
      },
    );
}

/**
 * Classic-editor text has no <p>: WordPress makes paragraphs of blank-line-separated blocks when it shows
 * a post (wpautop). Blocks that start with a block element are left as they are.
 */
function paragraphs(html: string): string {
  if (/<!--\s*wp:/.test(html) || /<p[\s>]/i.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (BLOCK_START.test(block) ? block : `<p>${block.replace(/\n/g, "<br>\n")}</p>`))
    .join("\n");
}

const textOf = (node: ElementContent | RootContent): string =>
  node.type === "text" ? node.value : "children" in node ? node.children.map(textOf).join("") : "";

/** The tree fixed for the portal: dropped elements gone, embeds as links, images through `photo`. */
function fixTree(tree: Root, options: BodyOptions, notes: BodyNotes): void {
  const drop = (name: string) => (notes.dropped[name] = (notes.dropped[name] ?? 0) + 1);
  const visit = (parent: Root | Element) => {
    const children: (RootContent | ElementContent)[] = [];
    for (const node of parent.children) {
      if (node.type === "comment" || node.type === "doctype") continue;
      if (node.type !== "element") {
        children.push(node);
        continue;
      }
      const name = node.tagName;
      if (DROPPED.has(name)) {
        drop(`<${name}>`);
        continue;
      }
      for (const property of Object.keys(node.properties)) {
        if (/^on/i.test(property)) {
          drop("on… attributes");
          delete node.properties[property];
        }
      }
      if (EMBEDS.has(name)) {
        const src = String(node.properties.src ?? "");
        const inner = node.children.find((child): child is Element => child.type === "element" && child.tagName === "source");
        const url = src || String(inner?.properties.src ?? "");
        notes.linked.push(`<${name}> ${url}`.trim());
        if (url && /^https?:/i.test(url))
          children.push({
            type: "element",
            tagName: "p",
            properties: {},
            children: [{ type: "element", tagName: "a", properties: { href: url }, children: [{ type: "text", value: url }] }],
          });
        continue;
      }
      if (name === "a") {
        const href = String(node.properties.href ?? "");
        if (href && !SAFE_HREF.test(href.trim())) {
          drop("javascript: and other unsafe links");
          delete node.properties.href;
        }
        // WordPress links a photo to its own file: the photo stands alone, as the portal shows photos.
        const only = node.children.filter((child) => !(child.type === "text" && !child.value.trim()));
        if (only.length === 1 && only[0]!.type === "element" && only[0]!.tagName === "img" && IMAGE_FILE.test(href)) {
          visit({ type: "root", children: only } as Root);
          children.push(...(only as ElementContent[]));
          continue;
        }
      }
      if (name === "img") {
        const url = String(node.properties.src ?? "");
        const photo = options.photo(url, String(node.properties.alt ?? "").trim());
        node.properties = { src: photo.src, alt: photo.alt };
        children.push(node);
        continue;
      }
      if (name === "figure") {
        visit(node);
        const image = findImage(node);
        const caption = node.children.find(
          (child): child is Element => child.type === "element" && child.tagName === "figcaption",
        );
        if (image) {
          const captionText = caption ? textOf(caption).replace(/\s+/g, " ").replace(/\|/g, "｜").trim() : "";
          if (captionText) image.properties.title = captionText;
          children.push({ type: "element", tagName: "p", properties: {}, children: [image] });
          continue;
        }
        children.push(...node.children);
        continue;
      }
      visit(node);
      children.push(node);
    }
    parent.children = children as typeof parent.children;
  };
  visit(tree);
  outlineHeadings(tree);
  tableHeaders(tree);
}

/**
 * A Markdown table's first row is its header, and a header cell with no text is one a screen reader
 * announces as nothing (axe: empty-table-header, on five of WordPress's test posts): rows with nothing in
 * them are dropped, a table without a head gets its first row as one, and an empty header cell is
 * labelled as empty.
 */
function tableHeaders(tree: Root): void {
  const isEmpty = (node: ElementContent) => !textOf(node).trim() && !(node.type === "element" && findImage(node));
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (child.tagName !== "table") {
        visit(child);
        continue;
      }
      const rows: { row: Element; parent: Element }[] = [];
      const collect = (parent: Element) => {
        for (const part of parent.children)
          if (part.type === "element" && part.tagName === "tr") rows.push({ row: part, parent });
          else if (part.type === "element" && ["thead", "tbody", "tfoot"].includes(part.tagName)) collect(part);
      };
      collect(child);
      const cellsOf = (row: Element) =>
        row.children.filter((c): c is Element => c.type === "element" && (c.tagName === "th" || c.tagName === "td"));
      for (const { row, parent } of rows)
        if (cellsOf(row).every(isEmpty)) parent.children = parent.children.filter((c) => c !== row);
      const first = rows.find(({ row, parent }) => parent.children.includes(row));
      if (!first) continue;
      // A table without a head: its first row is the header (rehype-remark would add an empty one).
      if (first.parent.tagName !== "thead") {
        first.parent.children = first.parent.children.filter((c) => c !== first.row);
        for (const cell of cellsOf(first.row)) cell.tagName = "th";
        child.children = [{ type: "element", tagName: "thead", properties: {}, children: [first.row] }, ...child.children];
      }
      for (const cell of cellsOf(first.row))
        if (isEmpty(cell)) cell.children = [{ type: "text", value: say("(빈 칸)", "(empty)") }];
    }
  };
  visit(tree);
}

/**
 * The page's title is its only h1, and an outline skips no level (the Nu Html Checker, screen readers'
 * heading lists): the body's headings are renumbered in order, each at most one below the one before,
 * starting at h2, keeping the shape of the original where it can.
 */
function outlineHeadings(tree: Root): void {
  let previous = 1;
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const level = /^h([1-6])$/.exec(child.tagName);
      if (level) {
        const renumbered = Math.max(2, Math.min(Number(level[1]), previous + 1));
        child.tagName = `h${renumbered}`;
        previous = renumbered;
      } else visit(child);
    }
  };
  visit(tree);
}

function findImage(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "img") return child;
    const inner = findImage(child);
    if (inner) return inner;
  }
  return undefined;
}

/** HTML to hast, and hast (fixed) to Markdown: made once, as a 100,000-post import calls them per post. */
const parseHtml = unified().use(rehypeParse, { fragment: true });
const toMarkdown = unified()
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: "-", emphasis: "_", rule: "-", fences: true })
  .freeze();

/** The post's HTML as the portal's Markdown, with what was dropped or turned into links. */
export function convertBody(html: string, options: BodyOptions): ConvertedBody {
  const notes: BodyNotes = { dropped: {}, linked: [] };
  const tree = parseHtml.parse(paragraphs(expandShortcodes(html, options, notes)));
  fixTree(tree, options, notes);
  const markdown = toMarkdown.stringify(toMarkdown.runSync(tree as never) as never).trim();
  return { markdown, notes };
}
