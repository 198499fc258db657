// Editors' Markdown to sanitised HTML: remark + GFM tables, figures built from Markdown images, no raw HTML.
import { defaultSchema, type Schema } from "hast-util-sanitize";
import type { ElementContent } from "hast";
import type { Image, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";
import { say } from "@/lib/editor-language";
import type { BodyImage } from "@/lib/content/schema";
import { ARTICLE_SIZES, articlePicture, type PhotoRef } from "@/lib/images/slots";

/**
 * GitHub's sanitising schema plus figure/figcaption, which we build ourselves from Markdown images.
 * Raw HTML from editors is still dropped whole, and only http(s), mailto and relative URLs survive.
 */
const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption", "picture", "source"],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), "alt", "width", "height", "loading", "decoding", "srcSet", "sizes", "style"],
    source: ["type", "srcSet", "sizes"],
    span: [...(defaultSchema.attributes?.span ?? []), "className"],
  },
};

export type ImageDimensions = { width: number; height: number };

/** A local image: a photo (content/images/) or a placeholder (public/), with its size; or why it cannot be used. */
export type LocalImage = ({ ok: true; photo?: PhotoRef } & ImageDimensions) | { ok: false; message: string };

export type RenderOptions = {
  localImage: (src: string) => LocalImage;
};

/** <picture> with AVIF and WebP sources and a JPEG <img>, as hast; the img's background is the photo's colour while it loads. */
export function pictureHast(photo: PhotoRef, alt: string, eager = false): ElementContent {
  const picture = articlePicture(photo);
  return {
    type: "element",
    tagName: "picture",
    properties: {},
    children: [
      ...picture.sources.map(
        (source): ElementContent => ({
          type: "element",
          tagName: "source",
          properties: { type: source.type, srcSet: source.srcSet, sizes: ARTICLE_SIZES },
          children: [],
        }),
      ),
      {
        type: "element",
        tagName: "img",
        properties: {
          src: picture.src,
          srcSet: picture.srcSet,
          sizes: ARTICLE_SIZES,
          alt,
          width: picture.width,
          height: picture.height,
          loading: eager ? "eager" : "lazy",
          decoding: "async",
          ...(photo.color ? { style: `background-color:${photo.color}` } : {}),
        },
        children: [],
      },
    ],
  };
}

/** A Markdown image title "캡션 | 사진=충북일보 DB": the caption, and the credit after the last " | ". */
export function captionAndCredit(title: string | null | undefined): { caption?: string; credit?: string } {
  const text = title?.trim();
  if (!text) return {};
  const at = text.lastIndexOf(" | ");
  if (at === -1) return { caption: text };
  return { caption: text.slice(0, at).trim() || undefined, credit: text.slice(at + 3).trim() || undefined };
}

/** A problem in the body; `line` counts from the body's first line. */
export type BodyProblem = { line?: number; message: string };
export type RenderedMarkdown = { html: string; plainText: string; images: BodyImage[]; problems: BodyProblem[] };

function isStandaloneImage(node: RootContent): node is Paragraph & { children: [Image] } {
  return node.type === "paragraph" && node.children.length === 1 && node.children[0]?.type === "image";
}

/** `![alt](src "caption")` alone in a paragraph becomes <figure><img><figcaption>caption</figcaption></figure>. */
function figuresAndImageChecks(options: RenderOptions, problems: BodyProblem[], images: BodyImage[]) {
  return (tree: Root) => {
    const visit = (node: Root | RootContent) => {
      if (node.type === "image") {
        const line = node.position?.start.line;
        if (!node.alt?.trim())
          problems.push({
            line,
            message: say(
              `의 그림 "${node.url}"에 대체 텍스트(alt)가 없습니다. ![사진이 보여 주는 것](${node.url})처럼 쓰세요.`,
              `image "${node.url}" has no alt text: write ![what the picture shows](${node.url}).`,
            ),
          });
        if (node.url.startsWith("/")) {
          const found = options.localImage(node.url);
          if (!found.ok) problems.push({ line, message: say(`의 그림: ${found.message}`, `image: ${found.message}`) });
          else if (found.photo) {
            // The image's own src, alt and title would stay on <picture>, where alt is not allowed: its <img> has them.
            const children = (pictureHast(found.photo, node.alt ?? "") as { children: ElementContent[] }).children;
            node.data = { hName: "picture", hProperties: { src: undefined, alt: undefined, title: undefined }, hChildren: children };
            images.push({ src: node.url, alt: node.alt ?? "", width: found.width, height: found.height, photo: found.photo });
          } else {
            node.data = { hProperties: { width: found.width, height: found.height, loading: "lazy", decoding: "async" } };
            images.push({ src: node.url, alt: node.alt ?? "", width: found.width, height: found.height });
          }
        }
      }
      if ("children" in node) node.children.forEach(visit);
    };
    visit(tree);

    for (const node of tree.children) {
      if (!isStandaloneImage(node)) continue;
      const image = node.children[0];
      const { caption, credit } = captionAndCredit(image.title);
      image.title = null;
      node.data = { hName: "figure" };
      if (caption || credit) {
        const children: Paragraph["children"] = caption ? [{ type: "text", value: caption }] : [];
        if (credit) {
          if (caption) children.push({ type: "text", value: " " });
          children.push({ type: "emphasis", data: { hName: "span", hProperties: { className: ["credit"] } }, children: [{ type: "text", value: credit }] });
        }
        const figcaption: Paragraph = { type: "paragraph", data: { hName: "figcaption" }, children };
        (node.children as RootContent[]).push(figcaption);
      }
    }
  };
}

/** Renders one article body; problems (missing images, missing alt text) are for the editor and stop the build. */
export function renderMarkdown(markdown: string, options: RenderOptions): RenderedMarkdown {
  const problems: BodyProblem[] = [];
  const images: BodyImage[] = [];
  const processor = remark()
    .use(remarkGfm)
    .use(() => figuresAndImageChecks(options, problems, images))
    .use(remarkHtml, { sanitize: sanitizeSchema });
  const tree = processor.parse(markdown);
  const transformed = processor.runSync(tree) as Root;
  const html = String(processor.stringify(transformed));
  return { html, plainText: plainTextOf(transformed), images, problems };
}

/** Text of a node without raw HTML (which is never published) or code. */
function textOf(node: RootContent): string {
  if (node.type === "html" || node.type === "code") return "";
  if ("children" in node) return node.children.map(textOf).join("");
  return toString(node, { includeImageAlt: false });
}

function plainTextOf(tree: Root): string {
  return tree.children.map(textOf).filter(Boolean).join("\n");
}
