// Editors' Markdown to sanitised HTML: remark + GFM tables, figures built from Markdown images, no raw HTML.
import { defaultSchema, type Schema } from "hast-util-sanitize";
import type { Image, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";
import { say } from "@/lib/content/problems";
import type { BodyImage } from "@/lib/content/schema";

/**
 * GitHub's sanitising schema plus figure/figcaption, which we build ourselves from Markdown images.
 * Raw HTML from editors is still dropped whole, and only http(s), mailto and relative URLs survive.
 */
const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), "alt", "width", "height", "loading", "decoding"],
  },
};

export type ImageDimensions = { width: number; height: number };

export type RenderOptions = {
  /** Size of a local image under public/, or undefined when the file is missing. */
  localImage: (src: string) => ImageDimensions | undefined;
};

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
          const size = options.localImage(node.url);
          if (!size)
            problems.push({
              line,
              message: say(`의 그림 "${node.url}" 파일이 public/ 아래에 없습니다.`, `image "${node.url}" does not exist under public/.`),
            });
          else {
            node.data = { hProperties: { width: size.width, height: size.height, loading: "lazy", decoding: "async" } };
            images.push({ src: node.url, alt: node.alt ?? "", ...size });
          }
        }
      }
      if ("children" in node) node.children.forEach(visit);
    };
    visit(tree);

    for (const node of tree.children) {
      if (!isStandaloneImage(node)) continue;
      const image = node.children[0];
      const caption = image.title?.trim();
      image.title = null;
      node.data = { hName: "figure" };
      if (caption) {
        const figcaption: Paragraph = { type: "paragraph", data: { hName: "figcaption" }, children: [{ type: "text", value: caption }] };
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
