// A WordPress export (WXR: RSS 2.0 with the wp: namespace), read as a stream of records: the site, its
// authors, and one record per <item> (posts, pages, attachments, with their categories, meta and
// comments). saxes is a strict XML parser: it never expands entities a document declares (a DOCTYPE is
// refused outright, so a billion-laughs file costs nothing), and every error carries its line. The file is
// decoded as strict UTF-8 chunk by chunk, so an export in another encoding stops at its first bad byte.
import fs from "node:fs";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { say } from "@/lib/editor-language";

export type WxrCategory = { domain: string; nicename: string; name: string };
export type WxrComment = {
  id: number;
  author: string;
  dateGmt: string;
  date: string;
  content: string;
  approved: string;
  type: string;
  parent: number;
};
export type WxrItem = {
  kind: "item";
  /** Line of the <item> in the export, for messages. */
  line: number;
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  content: string;
  excerpt: string;
  id: number;
  postDate: string;
  postDateGmt: string;
  modifiedGmt: string;
  name: string;
  status: string;
  type: string;
  parent: number;
  attachmentUrl: string;
  /** Set when the post is password-protected on the old site (not public there). */
  password: string;
  categories: WxrCategory[];
  meta: Record<string, string>;
  comments: WxrComment[];
};
export type WxrAuthor = { kind: "author"; login: string; displayName: string };
export type WxrSite = { kind: "site"; link: string; baseSiteUrl: string; baseBlogUrl: string };
export type WxrRecord = WxrItem | WxrAuthor | WxrSite;

/** Why an export could not be read, with the line it stopped at. */
export class WxrError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? say(`${line}번째 줄: ${message}`, `line ${line}: ${message}`) : message);
    this.name = "WxrError";
  }
}

const emptyItem = (line: number): WxrItem => ({
  kind: "item",
  line,
  title: "",
  link: "",
  pubDate: "",
  creator: "",
  content: "",
  excerpt: "",
  id: 0,
  postDate: "",
  postDateGmt: "",
  modifiedGmt: "",
  name: "",
  status: "",
  type: "",
  parent: 0,
  attachmentUrl: "",
  password: "",
  categories: [],
  meta: {},
  comments: [],
});

const emptyComment = (): WxrComment => ({
  id: 0,
  author: "",
  dateGmt: "",
  date: "",
  content: "",
  approved: "",
  type: "",
  parent: 0,
});

/** The item fields read from an element of the same name (text kept as written). */
const ITEM_TEXT: Record<string, keyof WxrItem> = {
  title: "title",
  link: "link",
  pubDate: "pubDate",
  "dc:creator": "creator",
  "content:encoded": "content",
  "excerpt:encoded": "excerpt",
  "wp:post_date": "postDate",
  "wp:post_date_gmt": "postDateGmt",
  "wp:post_modified_gmt": "modifiedGmt",
  "wp:post_name": "name",
  "wp:status": "status",
  "wp:post_type": "type",
  "wp:attachment_url": "attachmentUrl",
  "wp:post_password": "password",
};
const COMMENT_TEXT: Record<string, keyof WxrComment> = {
  "wp:comment_author": "author",
  "wp:comment_date_gmt": "dateGmt",
  "wp:comment_date": "date",
  "wp:comment_content": "content",
  "wp:comment_approved": "approved",
  "wp:comment_type": "type",
};

/**
 * A copy of `text` that holds nothing else alive. saxes hands out slices of the chunk it is parsing, and V8
 * keeps a slice's whole parent: a title kept for the report (or a slug, an attachment's URL) would keep its
 * megabyte-long chunk, and over an archive the whole export, in memory.
 */
const own = (text: string): string => (text.length ? Buffer.from(text, "utf8").toString("utf8") : "");

/**
 * The records of the export at `file`, in document order. Throws WxrError (with the line) for a file that
 * is not UTF-8, not well-formed XML, declares a DOCTYPE, or ends before its last element closes.
 */
export async function* readWxr(file: string): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const queue: WxrRecord[] = [];
  const path: string[] = [];
  let text: string[] = [];
  let item: WxrItem | undefined;
  let comment: WxrComment | undefined;
  let category: { domain: string; nicename: string } | undefined;
  let metaKey = "";
  let author: WxrAuthor | undefined;
  const site: WxrSite = { kind: "site", link: "", baseSiteUrl: "", baseBlogUrl: "" };
  let siteSent = false;
  let sawRss = false;
  let failure: WxrError | undefined;

  parser.on("error", (error) => {
    failure ??= new WxrError(
      say(`XML로 읽을 수 없습니다: ${error.message}`, `not well-formed XML: ${error.message}`),
      parser.line,
    );
  });
  parser.on("doctype", () => {
    failure ??= new WxrError(
      say(
        "DOCTYPE이 있습니다. 워드프레스 내보내기 파일에는 없는 것이고, 엔티티를 부풀리는 공격일 수 있어 읽지 않습니다.",
        "the file declares a DOCTYPE, which no WordPress export has and which can carry an entity-expansion attack: not read.",
      ),
      parser.line,
    );
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    path.push(tag.name);
    text = [];
    if (tag.name === "rss") sawRss = true;
    else if (tag.name === "item") {
      if (!siteSent) {
        queue.push({ ...site });
        siteSent = true;
      }
      item = emptyItem(parser.line);
    } else if (tag.name === "wp:comment" && item) comment = emptyComment();
    else if (tag.name === "wp:author" && !item) author = { kind: "author", login: "", displayName: "" };
    else if (tag.name === "category" && item)
      category = { domain: own(String(tag.attributes.domain ?? "")), nicename: own(String(tag.attributes.nicename ?? "")) };
  });
  const collect = (chunk: string) => {
    if (path.length) text.push(chunk);
  };
  parser.on("text", collect);
  parser.on("cdata", collect);
  parser.on("closetag", (tag) => {
    const name = tag.name;
    const value = own(text.join(""));
    text = [];
    path.pop();
    if (comment) {
      if (name === "wp:comment") {
        item!.comments.push(comment);
        comment = undefined;
      } else if (name === "wp:comment_id") comment.id = Number(value.trim()) || 0;
      else if (name === "wp:comment_parent") comment.parent = Number(value.trim()) || 0;
      else if (COMMENT_TEXT[name]) (comment[COMMENT_TEXT[name]] as string) = value;
    } else if (item) {
      if (name === "item") {
        queue.push(item);
        item = undefined;
      } else if (name === "category" && category) {
        item.categories.push({ ...category, name: value.trim() });
        category = undefined;
      } else if (name === "wp:meta_key") metaKey = value.trim();
      else if (name === "wp:meta_value") item.meta[metaKey] = value;
      else if (name === "wp:post_id") item.id = Number(value.trim()) || 0;
      else if (name === "wp:post_parent") item.parent = Number(value.trim()) || 0;
      else if (ITEM_TEXT[name] && path[path.length - 1] === "item") (item[ITEM_TEXT[name]] as string) = value;
    } else if (author) {
      if (name === "wp:author") {
        queue.push(author);
        author = undefined;
      } else if (name === "wp:author_login") author.login = value.trim();
      else if (name === "wp:author_display_name") author.displayName = value.trim();
    } else if (name === "link" && path[path.length - 1] === "channel") site.link = value.trim();
    else if (name === "wp:base_site_url") site.baseSiteUrl = value.trim();
    else if (name === "wp:base_blog_url") site.baseBlogUrl = value.trim();
  });

  const decoder = new TextDecoder("utf-8", { fatal: true });
  let first = true;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 18 })) {
    let decoded: string;
    try {
      decoded = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new WxrError(
        say(
          "UTF-8이 아닙니다. 워드프레스는 UTF-8로 내보냅니다: 다른 프로그램이 바꿔 저장했다면 UTF-8로 다시 저장하세요.",
          "the file is not UTF-8. WordPress exports UTF-8: if another program re-saved it, save it as UTF-8 again.",
        ),
        parser.line,
      );
    }
    if (first) {
      first = false;
      // A byte-order mark is allowed; an encoding other than UTF-8 declared is refused before it misleads.
      decoded = decoded.replace(/^\uFEFF/, "");
      const declared = /^<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(decoded)?.[1];
      if (declared && !/^utf-?8$/i.test(declared))
        throw new WxrError(
          say(
            `인코딩이 ${declared}(으)로 적혀 있습니다. UTF-8로 내보낸 파일만 읽습니다.`,
            `the file declares encoding ${declared}; only UTF-8 exports are read.`,
          ),
          1,
        );
    }
    parser.write(decoded);
    if (failure) throw failure;
    yield* queue.splice(0);
  }
  try {
    decoder.decode();
  } catch {
    throw new WxrError(
      say("파일 끝의 글자가 UTF-8이 아닙니다(잘린 파일).", "the file ends inside a UTF-8 character (cut short)."),
      parser.line,
    );
  }
  parser.close();
  if (failure) throw failure;
  if (!sawRss)
    throw new WxrError(
      say("워드프레스 내보내기(WXR) 파일이 아닙니다: <rss> 요소가 없습니다.", "not a WordPress export (WXR): no <rss> element."),
    );
  if (!siteSent) queue.push({ ...site });
  yield* queue.splice(0);
}
