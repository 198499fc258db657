// WordPress exports (WXR 1.2) of our own making, written as WordPress writes them: the importer's tests
// (a Korean site with every status, Hangul slugs, threads, photos) and bench:import (100,000 posts) use it.

export type WxrPostSpec = {
  id: number;
  title: string;
  /** The post's slug as WordPress stores it (Korean ones percent-encoded, lower case). */
  name: string;
  /** YYYY-MM-DD HH:MM:SS, GMT; "0000-00-00 00:00:00" for a draft that never had one. */
  dateGmt: string;
  modifiedGmt?: string;
  status: string;
  type?: string;
  creator: string;
  content: string;
  excerpt?: string;
  password?: string;
  categories?: { nicename: string; name: string }[];
  tags?: string[];
  thumbnailId?: number;
  attachmentUrl?: string;
  alt?: string;
  comments?: {
    id: number;
    author: string;
    dateGmt: string;
    content: string;
    approved?: string;
    type?: string;
    parent?: number;
    email?: string;
    ip?: string;
  }[];
};

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The channel's head: the site and its authors. */
export function wxrHead(site: string, authors: { login: string; displayName: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>테스트 신문</title>
<link>${site}</link>
<language>ko-KR</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${site}</wp:base_site_url>
<wp:base_blog_url>${site}</wp:base_blog_url>
${authors
  .map(
    (a) =>
      `<wp:author><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@example.com`)}</wp:author_email><wp:author_display_name>${cdata(a.displayName)}</wp:author_display_name></wp:author>`,
  )
  .join("\n")}
`;
}

export const wxrTail = () => `</channel>\n</rss>\n`;

/** One <item>: a post (or page, attachment) with its categories, meta and comments. */
export function wxrItem(site: string, post: WxrPostSpec): string {
  const type = post.type ?? "post";
  const date = post.dateGmt;
  const link =
    type === "attachment"
      ? `${site}/?attachment_id=${post.id}`
      : `${site}/${date.slice(0, 4)}/${date.slice(5, 7)}/${date.slice(8, 10)}/${post.name}/`;
  const meta = [
    ...(post.thumbnailId ? [["_thumbnail_id", String(post.thumbnailId)]] : []),
    ...(post.alt ? [["_wp_attachment_image_alt", post.alt]] : []),
  ];
  return `<item>
<title>${xmlText(post.title)}</title>
<link>${xmlText(link)}</link>
<pubDate>${new Date(`${date.replace(" ", "T")}Z`).toUTCString()}</pubDate>
<dc:creator>${cdata(post.creator)}</dc:creator>
<guid isPermaLink="false">${site}/?p=${post.id}</guid>
<description></description>
<content:encoded>${cdata(post.content)}</content:encoded>
<excerpt:encoded>${cdata(post.excerpt ?? "")}</excerpt:encoded>
<wp:post_id>${post.id}</wp:post_id>
<wp:post_date>${cdata(date)}</wp:post_date>
<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
<wp:post_modified_gmt>${cdata(post.modifiedGmt ?? date)}</wp:post_modified_gmt>
<wp:post_name>${cdata(post.name)}</wp:post_name>
<wp:status>${cdata(post.status)}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>${cdata(type)}</wp:post_type>
<wp:post_password>${cdata(post.password ?? "")}</wp:post_password>
${post.attachmentUrl ? `<wp:attachment_url>${cdata(post.attachmentUrl)}</wp:attachment_url>` : ""}
${(post.categories ?? []).map((c) => `<category domain="category" nicename="${xmlText(c.nicename)}">${cdata(c.name)}</category>`).join("\n")}
${(post.tags ?? []).map((t) => `<category domain="post_tag" nicename="${xmlText(encodeURIComponent(t).toLowerCase())}">${cdata(t)}</category>`).join("\n")}
${meta.map(([k, v]) => `<wp:postmeta><wp:meta_key>${cdata(k!)}</wp:meta_key><wp:meta_value>${cdata(v!)}</wp:meta_value></wp:postmeta>`).join("\n")}
${(post.comments ?? [])
  .map(
    (c) => `<wp:comment>
<wp:comment_id>${c.id}</wp:comment_id>
<wp:comment_author>${cdata(c.author)}</wp:comment_author>
<wp:comment_author_email>${cdata(c.email ?? "reader@example.com")}</wp:comment_author_email>
<wp:comment_author_IP>${cdata(c.ip ?? "203.0.113.7")}</wp:comment_author_IP>
<wp:comment_date>${cdata(c.dateGmt)}</wp:comment_date>
<wp:comment_date_gmt>${cdata(c.dateGmt)}</wp:comment_date_gmt>
<wp:comment_content>${cdata(c.content)}</wp:comment_content>
<wp:comment_approved>${cdata(c.approved ?? "1")}</wp:comment_approved>
<wp:comment_type>${cdata(c.type ?? "comment")}</wp:comment_type>
<wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
</wp:comment>`,
  )
  .join("\n")}
</item>
`;
}

/** A whole export. */
export function wxrExport(site: string, authors: { login: string; displayName: string }[], posts: WxrPostSpec[]): string {
  return wxrHead(site, authors) + posts.map((post) => wxrItem(site, post)).join("") + wxrTail();
}
