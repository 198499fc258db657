// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ArticleBody } from "@/components/article/article-body";
import { ArticleHeader } from "@/components/article/article-header";
import { ArticleToolbar } from "@/components/article/article-toolbar";
import { ColumnBox } from "@/components/article/column-box";
import { RelatedArticles } from "@/components/article/related-articles";
import { TagList } from "@/components/article/tag-list";
import { makeArticle } from "../unit/fixtures";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const feature = makeArticle("kanagawa-science-park", {
  title: "선진 해외 클러스터를 가다 - 日 가나가와 사이언스 파크",
  series: "혁신클러스터가 지역의 미래를 이끈다",
  seriesNo: 7,
  date: "2008-11-09T19:59:40+09:00",
  updated: "2013-08-04T00:44:01+09:00",
});

describe("article header", () => {
  it("shows the series kicker, the numbered title, the byline and both times in Korean time", () => {
    render(<ArticleHeader article={feature} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("⑦ 선진 해외 클러스터를 가다 - 日 가나가와 사이언스 파크");
    expect(screen.getByRole("link", { name: "혁신클러스터가 지역의 미래를 이끈다" }).getAttribute("href")).toBe(
      `/series/${encodeURIComponent("혁신클러스터가-지역의-미래를-이끈다")}`,
    );
    expect(screen.getByRole("link", { name: "경제" }).getAttribute("href")).toBe("/sections/economy");
    expect(screen.getByText("충북일보")).toBeTruthy();
    const times = screen.getByRole("list");
    expect(within(times).getByText("웹출고시간").parentElement?.textContent).toBe("웹출고시간2008.11.09 19:59:40");
    expect(within(times).getByText("최종수정").parentElement?.textContent).toBe("최종수정2013.08.04 00:44:01");
  });

  it("shows only the month, labelled as an estimate, when the source has no date", () => {
    render(<ArticleHeader article={makeArticle("mag", { date: "2022-11-09T00:00:00+09:00", dateApproximate: true })} />);
    expect(screen.getByText("2022년 11월 (원문에 날짜가 없어 추정)")).toBeTruthy();
    expect(screen.queryByText("최종수정")).toBeNull();
  });

  it("links each named author with their title and role", () => {
    const column = makeArticle("col", { authors: [{ name: "권성욱", title: "박사", role: "오창혁신클러스터 기획총괄팀장" }] });
    render(<ArticleHeader article={column} />);
    expect(screen.getByRole("link", { name: "권성욱 박사" }).getAttribute("href")).toBe(
      `/authors/${encodeURIComponent("권성욱")}`,
    );
    expect(screen.getByText(/오창혁신클러스터 기획총괄팀장/)).toBeTruthy();
  });
});

describe("column box", () => {
  it("boxes the column with its title linking to its own page, the author and the text", () => {
    const column = makeArticle("ins-social-network-column", {
      title: "日 INS의 사회적 네트워크를 통한 산학연계",
      kind: "column",
      authors: [{ name: "권성욱", title: "박사", role: "오창혁신클러스터 기획총괄팀장" }],
      html: "<p>산업단지 혁신클러스터사업에서는</p>",
    });
    render(<ColumnBox column={column} />);
    const box = screen.getByRole("complementary", { name: "日 INS의 사회적 네트워크를 통한 산학연계" });
    expect(within(box).getByRole("link", { name: "日 INS의 사회적 네트워크를 통한 산학연계" }).getAttribute("href")).toBe(
      "/articles/ins-social-network-column",
    );
    expect(within(box).getByText("권성욱 박사")).toBeTruthy();
    expect(within(box).getByText("오창혁신클러스터 기획총괄팀장")).toBeTruthy();
    expect(within(box).getByText("산업단지 혁신클러스터사업에서는")).toBeTruthy();
  });
});

describe("article body", () => {
  it("marks an excerpt as such above the text", () => {
    render(<ArticleBody article={{ html: "<p>윤현우 충북도체육회장은</p>", excerpt: true }} />);
    expect(screen.getByRole("note").textContent).toContain("발췌");
  });
});

describe("관련어 and 관련기사", () => {
  it("links each tag to its tag page", () => {
    render(<TagList tags={["가나가와 사이언스 파크", "KAST"]} />);
    expect(screen.getByRole("link", { name: "#KAST" }).getAttribute("href")).toBe("/tags/kast");
  });

  it("says so when there are no related articles", () => {
    render(<RelatedArticles articles={[]} />);
    expect(screen.getByText("관련기사가 없습니다.")).toBeTruthy();
  });
});

describe("article toolbar", () => {
  it("steps the text size through four sizes and remembers the choice", () => {
    render(<ArticleToolbar />);
    const bigger = screen.getByRole("button", { name: /글자 크게/ });
    const smaller = screen.getByRole("button", { name: /글자 작게/ });
    fireEvent.click(bigger);
    fireEvent.click(bigger);
    expect(document.documentElement.dataset.fontSize).toBe("3");
    expect((bigger as HTMLButtonElement).disabled).toBe(true);
    expect(window.localStorage.getItem("article-font-size")).toBe("3");
    for (let i = 0; i < 3; i++) fireEvent.click(smaller);
    expect(document.documentElement.dataset.fontSize).toBe("0");
    expect((smaller as HTMLButtonElement).disabled).toBe(true);
  });

  it("applies a size remembered from an earlier visit", () => {
    window.localStorage.setItem("article-font-size", "2");
    render(<ArticleToolbar />);
    expect(document.documentElement.dataset.fontSize).toBe("2");
    expect(screen.getByText("크게")).toBeTruthy();
  });

  it("opens the print dialog", () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    render(<ArticleToolbar />);
    fireEvent.click(screen.getByRole("button", { name: "인쇄" }));
    expect(print).toHaveBeenCalledOnce();
  });
});
