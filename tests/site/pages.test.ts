// The fixture site, built by the real pipeline and served by npm start (global-setup.ts): its pages.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, inject, it } from "vitest";
import { fetchPage as page } from "./fetch-page";

it("puts the home page's heading inside the main landmark", async () => {
  const doc = new JSDOM((await page("/")).html).window.document;
  expect(doc.querySelector("main h1")?.textContent).toBe("충북일보");
  expect(doc.querySelectorAll("h1")).toHaveLength(1);
});

describe("a built article page", () => {
  it("is prerendered with title, times, body, column box and sidebars in the HTML", async () => {
    const { status, html, headers } = await page("/articles/cluster-visit");
    expect(status).toBe(200);
    expect(headers.get("x-nextjs-prerender")).toBeTruthy();
    expect(html).toContain('<html lang="ko"');
    expect(html).toMatch(/<h1[^>]*>③ 선진 해외 클러스터를 가다 - 시험 사이언스 파크<\/h1>/);
    expect(html).toContain("2008.11.09 19:59:40");
    expect(html).toContain("2013.08.04 00:44:01");
    expect(html).toContain("<p>첫 문단은 빌드 시험을 위한 문장이다.</p>");
    expect(html).toContain("<h2>첫 소제목</h2>");
    expect(html).toContain("<figcaption>시험 사진 설명.</figcaption>");
    expect(html).toContain("칼럼 본문 문장이다.");
    expect(html).toContain("시험연구소 팀장");
    for (const heading of [
      "최근기사",
      "이 기사에 대해 좀 더 자세히...",
      "관련어 선택",
      "관련기사",
      "Hot &amp; Why &amp; Only",
      "실시간 댓글",
      "매거진 in 충북",
    ]) {
      expect(html).toContain(heading);
    }
    expect(html).toContain("시험 체육 소식");
  });

  it("beyond PRERENDER_ARTICLES, renders whole on its first request and is served from the cache after", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(inject("siteDistDir"), "prerender-manifest.json"), "utf8"));
    expect(Object.keys(manifest.routes)).toContain("/articles/cluster-visit");
    expect(Object.keys(manifest.routes)).not.toContain("/articles/ampersand-title");
    const prerendered = await page("/articles/cluster-visit");
    const first = await page("/articles/ampersand-title");
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/<h1[^>]*>R&amp;D/);
    expect(first.html).toContain("관련기사");
    expect(first.html).toContain("실시간 댓글");
    expect(first.html).toContain('"@type":"AnalysisNewsArticle"');
    expect(first.headers.get("cache-control")).toBe(prerendered.headers.get("cache-control"));
    // Asked of Next itself: within the second, the server's microcache would replay the first answer.
    const again = await page("/articles/ampersand-title", { headers: { "if-none-match": '"none"' } });
    expect(again.headers.get("x-nextjs-cache")).toBe("HIT");
  });

  it("shows running banners only, marked as ads", async () => {
    const { html } = await page("/articles/cluster-visit");
    expect(html).toContain('alt="시험 배너 하나"');
    expect(html).toContain('rel="sponsored noopener"');
    expect(html).not.toContain("끝난 배너");
  });

  it("renders hostile Markdown inert", async () => {
    const { status, html } = await page("/articles/hostile-markdown");
    expect(status).toBe(200);
    expect(html).toContain("안전한 문장은 남는다.");
    expect(html).not.toContain("__pwned");
    expect(html).not.toContain("evil.example");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain("data:image/svg+xml;base64,PHN2Zz4=");
  });

  it("marks the cut-off magazine piece as an excerpt with an estimated month", async () => {
    const { html } = await page("/articles/sports-note");
    expect(html).toContain("발췌");
    expect(html).toContain("2022년 11월 (원문에 날짜가 없어 추정)");
  });
});

describe("drafts and scheduled articles", () => {
  it("are not served and not linked from any listing", async () => {
    expect((await page("/articles/unfinished-draft")).status).toBe(404);
    expect((await page("/articles/scheduled-story")).status).toBe(404);
    for (const pathname of ["/", "/sections/society", `/tags/${encodeURIComponent("클러스터")}`]) {
      const { html } = await page(pathname);
      expect(html).not.toContain("아직 쓰는 중인 초안");
      expect(html).not.toContain("먼 미래에 출고될 기사");
    }
  });
});

describe("listing pages", () => {
  it("serve sections, tags, series and authors, and a Korean 404 for unknown ones", async () => {
    expect((await page("/sections/economy")).html).toContain("선진 해외 클러스터를 가다 - 시험 사이언스 파크");
    expect((await page(`/tags/${encodeURIComponent("사이언스-파크")}`)).html).toContain("#사이언스 파크");
    expect((await page(`/series/${encodeURIComponent("시험-연재")}`)).html).toContain("연재: 시험 연재");
    expect((await page(`/authors/${encodeURIComponent("김시험")}`)).html).toContain("시험 칼럼 제목");
    const missing = await page("/sections/weather");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("페이지를 찾을 수 없습니다");
    expect((await page("/sections/economy/page/2")).status).toBe(404);
  });

  it.each([
    "/articles/does-not-exist",
    "/articles/unfinished-draft",
    "/sections/weather",
    `/tags/${encodeURIComponent("없는-태그")}`,
    "/series/nope",
    "/authors/nope",
    "/sections/economy/page/9",
    "/no/such/route",
  ])("answers %s with a whole Korean 404 page a reader without JavaScript can read", async (pathname) => {
    const { status, html } = await page(pathname);
    expect(status).toBe(404);
    const doc = new JSDOM(html).window.document;
    expect(doc.documentElement.id).not.toBe("__next_error__");
    expect(doc.documentElement.lang).toBe("ko");
    expect(doc.title).toBe("페이지를 찾을 수 없습니다 : 충북일보");
    for (const script of Array.from(doc.querySelectorAll("script"))) script.remove();
    expect(doc.querySelector("main")?.textContent).toContain("페이지를 찾을 수 없습니다");
    expect(doc.querySelector("footer")?.textContent).toContain("청소년보호책임자");
  });

  it("the home page leads with the newest article and links every section with articles", async () => {
    const { html } = await page("/");
    expect(html).toContain('id="top-story"');
    expect(html).toMatch(/href="\/sections\/economy"/);
    expect(html).toMatch(/href="\/sections\/opinion"/);
  });
});

describe("what a Korean internet newspaper must publish", () => {
  const NOTICES = [
    "제호",
    "시험일보",
    "등록번호",
    "충북 아99999",
    "등록연월일",
    "2001.02.03",
    "발행연월일",
    "2001.03.04",
    "발행인",
    "김발행",
    "편집인",
    "이편집",
    "발행소",
    "충청북도 청주시 시험로 1",
    "전화",
    "043-123-4567",
    "청소년보호책임자",
    "박보호 (youth@news.example.kr)",
  ];

  it.each(["/", "/articles/cluster-visit", "/sections/economy", "/search", "/advertise"])(
    "shows every statutory notice in the footer of %s",
    async (pathname) => {
      const doc = new JSDOM((await page(pathname)).html).window.document;
      const footer = doc.querySelector("footer")?.textContent ?? "";
      for (const notice of NOTICES) expect(footer, notice).toContain(notice);
      expect(footer).toContain("ⓒ 충북일보, 무단전재 및 재배포 금지");
      expect(footer).not.toContain("예시 값");
    },
  );

  it("ends every article with the copyright line and puts the reporter's e-mail in the byline", async () => {
    const doc = new JSDOM((await page("/articles/ampersand-title")).html).window.document;
    expect(doc.querySelector("article")?.textContent).toContain("ⓒ 충북일보, 무단전재 및 재배포 금지");
    expect(doc.querySelector('article header a[href="mailto:analyst@example.kr"]')?.textContent).toBe("analyst@example.kr");
  });
});
