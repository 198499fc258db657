import { describe, expect, it } from "vitest";
import { renderMarkdown, type LocalImage } from "@/lib/content/markdown";

const localImage = (src: string): LocalImage =>
  src === "/images/ok.png" ? { ok: true, width: 640, height: 360 } : { ok: false, message: `"${src}" does not exist.` };
const html = (markdown: string) => renderMarkdown(markdown, { localImage }).html;

describe("an editor's dangerous Markdown never reaches readers as live HTML", () => {
  it.each([
    ["a script element", "<script>alert(1)</script>\n\n본문", /<script|alert\(1\)/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["an event-handler attribute on raw HTML", '<img src="/images/ok.png" onerror="alert(1)">', /onerror/i],
    ["a javascript: link", "[눌러 보세요](javascript:alert(1))", /javascript:/i],
    ["an encoded javascript: link", "[눌러](jav&#x61;script:alert(1))", /javascript:/i],
    ["a data: image", "![그림](data:image/svg+xml;base64,PHN2Zz4=)", /data:/i],
    ["a style element", "<style>body{display:none}</style>", /<style/i],
    ["an object/embed", '<object data="x.swf"></object><embed src="x.swf">', /<object|<embed/i],
    ["a form", '<form action="https://evil.example"><input name="pw"></form>', /<form/i],
  ])("drops %s", (_name, markdown, forbidden) => {
    expect(html(markdown)).not.toMatch(forbidden);
  });

  it("keeps a raw-HTML figure out, but builds one from a Markdown image with a title", () => {
    const out = html('<figure><img src="/images/ok.png"></figure>\n\n![홍보관 사진](/images/ok.png "가나가와 사이언스 파크 내에 있는 한 홍보관.")');
    expect(out).toBe(
      '<figure><img src="/images/ok.png" alt="홍보관 사진" width="640" height="360" loading="lazy" decoding="async"><figcaption>가나가와 사이언스 파크 내에 있는 한 홍보관.</figcaption></figure>\n',
    );
  });
});

describe("ordinary Markdown survives", () => {
  it("keeps headings, lists, links, images, blockquotes and tables", () => {
    const out = html(
      [
        "## 드림오피스 호응 높아",
        "- 첫째\n- 둘째",
        "1. 하나\n2. 둘",
        "[충북일보](https://www.example.kr/기사?id=1&x=2)",
        "문단 안의 ![작은 그림](/images/ok.png) 그림",
        "> 인용문",
        "| 기관 | 역할 |\n| --- | --- |\n| KSP | 창업보육 |",
      ].join("\n\n"),
    );
    expect(out).toContain("<h2>드림오피스 호응 높아</h2>");
    expect(out).toContain("<ul>\n<li>첫째</li>");
    expect(out).toContain("<ol>\n<li>하나</li>");
    expect(out).toContain('<a href="https://www.example.kr/%EA%B8%B0%EC%82%AC?id=1&#x26;x=2">충북일보</a>');
    expect(out).toContain('<img src="/images/ok.png" alt="작은 그림"');
    expect(out).toContain("<blockquote>\n<p>인용문</p>\n</blockquote>");
    expect(out).toMatch(/<table>[\s\S]*<th>기관<\/th>[\s\S]*<td>KSP<\/td>/);
  });

  it("escapes text that looks like HTML instead of interpreting it", () => {
    expect(html("R&D 와 5 < 6 > 4")).toBe("<p>R&#x26;D 와 5 &#x3C; 6 > 4</p>\n");
  });

  it("gives plain text for teasers without markup, raw HTML or code", () => {
    expect(renderMarkdown("## 제목\n\n**굵은** [링크](/a) <b>raw</b> 글\n\n```\ncode\n```", { localImage }).plainText).toBe(
      "제목\n굵은 링크 raw 글",
    );
  });
});
