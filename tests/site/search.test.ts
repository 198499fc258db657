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

  it("says 검색 결과가 없습니다 and offers no words unrelated to the query (never the same tags for every query)", async () => {
    const doc = new JSDOM((await searchPage("존재하지않는단어")).html).window.document;
    expect(doc.body.textContent).toContain("검색 결과가 없습니다");
    expect(doc.body.textContent).not.toContain("관련어");
    expect(doc.querySelectorAll('main a[href^="/tags/"]').length).toBe(0);
  });

  it("searches what a Korean reader meant and says so, with a link to the query as typed", async () => {
    // 사이언스파크 typed with the keyboard in English.
    const layout = new JSDOM((await searchPage("tkdldjstmvkzm")).html).window.document;
    expect(layout.querySelector('[role="status"]')?.textContent).toBe("‘사이언스파크’ 검색 결과 1건");
    expect(layout.body.textContent).toContain("한/영 자판을 바꾸지 않고 입력한 것 같아 ‘사이언스파크’로 검색했습니다.");
    const asTyped = Array.from(layout.querySelectorAll("main a"), (a) => a.getAttribute("href")).find((href) =>
      href?.includes("tkdldjstmvkzm"),
    );
    expect(asTyped).toBe(`/search?q=${encodeURIComponent('"tkdldjstmvkzm"')}`);
    expect((await searchPage('"tkdldjstmvkzm"')).html).toContain("검색 결과가 없습니다");
    // One jamo wrong: 이것을 찾으셨나요? and, the match being unambiguous, its results.
    const typo = new JSDOM((await searchPage("사이언스파그")).html).window.document;
    expect(typo.body.textContent).toContain("이것을 찾으셨나요? 사이언스파크");
    expect(typo.querySelector("ol li h2 a")?.getAttribute("href")).toBe("/articles/cluster-visit");
    // A particle after the noun, and 초성.
    for (const query of ["사이언스파크에서는", "ㅅㅇㅇㅅㅍㅋ"])
      expect(new JSDOM((await searchPage(query)).html).window.document.querySelector("ol li h2 a")?.getAttribute("href")).toBe(
        "/articles/cluster-visit",
      );
  });

  it("sorts by date and filters by period and section from the URL, without JavaScript, and says what it could not read", async () => {
    const titles = async (url: string) =>
      Array.from(new JSDOM((await fetchPage(url)).html).window.document.querySelectorAll("ol li h2 a"), (a) =>
        a.getAttribute("href"),
      );
    const newest = await titles(`/search?q=${encodeURIComponent("클러스터")}&sort=newest`);
    const oldest = await titles(`/search?q=${encodeURIComponent("클러스터")}&sort=oldest`);
    expect(newest.length).toBeGreaterThan(1);
    expect(oldest).toEqual([...newest].reverse());
    expect(await titles(`/search?q=${encodeURIComponent("클러스터")}&section=sports`)).toEqual([]);
    expect(await titles(`/search?q=${encodeURIComponent("클러스터")}&from=1990-01-01&to=1990-12-31`)).toEqual([]);
    const page = new JSDOM((await fetchPage(`/search?q=${encodeURIComponent("클러스터")}&sort=oldest`)).html).window.document;
    expect(page.querySelector('[aria-current="true"]')?.textContent).toBe("오래된순");
    expect(page.querySelector('form[aria-label="기간과 분야"] input[name="sort"]')?.getAttribute("value")).toBe("oldest");
    const odd = await fetchPage(`/search?q=${encodeURIComponent("클러스터")}&period=custom&from=2026-13-45&sort=best`);
    expect(odd.status).toBe(200);
    expect(odd.html).toContain("날짜를 알아볼 수 없어 전체 기간에서 찾았습니다.");
    expect(odd.html).toContain("정렬 방식을 알아볼 수 없어 정확도순으로 보여 드립니다.");
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

  it("says what it searched when it was not what was typed, so the island can say what the page says", async () => {
    const layout = (await api("tkdldjstmvkzm")).body as unknown as Record<string, unknown>;
    expect(layout).toMatchObject({ total: 1, searchedFor: "사이언스파크", searchedBecause: ["layout"], suggestion: null });
    const typo = (await api("사이언스파그")).body as unknown as Record<string, unknown>;
    expect(typo).toMatchObject({ searchedFor: "사이언스파크", searchedBecause: ["typo"], suggestion: "사이언스파크" });
    expect((typo.notes as { text: string }[])[0]!.text).toBe("이것을 찾으셨나요?");
    const plain = (await api("클러스터")).body as unknown as Record<string, unknown>;
    expect(plain).toMatchObject({ searchedFor: null, suggestion: null, leftOut: [], notes: [] });
  });

  it.each(["", "x".repeat(1000), "'; DROP TABLE x; --", '"', "\u0000"])("answers an odd query (#%#) with JSON", async (q) => {
    const { status, body } = await api(q);
    expect(status).toBe(200);
    expect(Array.isArray(body.results)).toBe(true);
  });
});
