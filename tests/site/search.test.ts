// The search page and API of the built fixture site.
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { fetchPage } from "./fetch-page";

const searchPage = async (q: string) => fetchPage(`/search?q=${encodeURIComponent(q)}`);
const api = async (q: string) => {
  const response = await fetchPage(`/api/search?q=${encodeURIComponent(q)}`);
  return { status: response.status, body: JSON.parse(response.html) as { results: Record<string, unknown>[]; total: number } };
};

describe("the search page", () => {
  it("renders ranked results with highlighted matches in the HTML, no JavaScript needed", async () => {
    const { status, html } = await searchPage("사이언스파크");
    expect(status).toBe(200);
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('[role="status"]')?.textContent).toBe("‘사이언스파크’ 검색 결과 1건");
    const result = doc.querySelector("ol li");
    expect(result?.querySelector("h2 a")?.getAttribute("href")).toBe("/articles/cluster-visit");
    // Written with a space in the title, found without one, highlighted as written.
    expect(Array.from(result?.querySelectorAll("h2 mark") ?? [], (m) => m.textContent)).toEqual(["사이언스 파크"]);
    expect(html).not.toContain("<template");
  });

  it("says 검색 결과가 없습니다 and offers tags when nothing matches", async () => {
    const doc = new JSDOM((await searchPage("존재하지않는단어")).html).window.document;
    expect(doc.body.textContent).toContain("검색 결과가 없습니다");
    expect(Array.from(doc.querySelectorAll('a[href^="/tags/"]'), (a) => a.textContent)).toContain("#클러스터");
  });

  it("never shows drafts or scheduled articles", async () => {
    const { html } = await searchPage("본문");
    expect(html).not.toContain("unfinished-draft");
    expect(html).not.toContain("scheduled-story");
  });

  it.each([
    "",
    "   ",
    "x".repeat(1000),
    '" * ( ) : ^ - OR',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "%E0%A4%A",
  ])("answers a hostile or odd query (#%#) with a page, never an error, and escapes it", async (q) => {
    const { status, html } = await searchPage(q);
    expect(status).toBe(200);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
  });
});

describe("how deep a search is read", () => {
  it("tells the reader past the last page to narrow the query, and links the first page", async () => {
    const { status, html } = await fetchPage(`/search?q=${encodeURIComponent("클러스터")}&page=101`);
    expect(status).toBe(200);
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelector('[role="status"]')?.textContent).toContain("100쪽까지");
    expect(doc.querySelectorAll("ol li h2").length).toBe(0);
    expect(doc.querySelector('[role="status"] a')?.getAttribute("href")).toBe(`/search?q=${encodeURIComponent("클러스터")}`);
    // The last page read is still searched (here past the few results the fixture has).
    const last = await fetchPage(`/search?q=${encodeURIComponent("클러스터")}&page=100`);
    expect(last.status).toBe(200);
    expect(last.html).toContain("‘클러스터’ 검색 결과");
  });

  it("answers the API past the 1,000th result with 400 and says why", async () => {
    for (const [page, limit] of [
      [101, 10],
      [51, 20],
    ]) {
      const response = await fetchPage(`/api/search?q=${encodeURIComponent("클러스터")}&page=${page}&limit=${limit}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.html).error).toContain("1000");
    }
    expect((await fetchPage(`/api/search?q=${encodeURIComponent("클러스터")}&page=100&limit=10`)).status).toBe(200);
  });
});

describe("GET /api/search", () => {
  it("returns results in rank order with slug, title, section, date and snippet", async () => {
    const { status, body } = await api("클러스터");
    expect(status).toBe(200);
    expect(body.total).toBe(body.results.length);
    expect(body.results[0]).toMatchObject({
      slug: "cluster-visit",
      title: "③ 선진 해외 클러스터를 가다 - 시험 사이언스 파크",
      section: "economy",
      date: "2008-11-09T19:59:40+09:00",
    });
    expect(typeof body.results[0]!.snippet).toBe("string");
    expect(body.results.map((r) => r.slug)).not.toContain("unfinished-draft");
  });

  it.each(["", "x".repeat(1000), "'; DROP TABLE x; --", '"', "\u0000"])("answers an odd query (#%#) with JSON", async (q) => {
    const { status, body } = await api(q);
    expect(status).toBe(200);
    expect(Array.isArray(body.results)).toBe(true);
  });
});
