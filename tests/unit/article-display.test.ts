import { expect, it } from "vitest";
import { bylineNames, numberedTitle, seriesMark, teaser } from "@/lib/article-display";
import { makeArticle } from "./fixtures";

it("prints series numbers as Korean papers do", () => {
  expect(seriesMark(7)).toBe("⑦");
  expect(seriesMark(20)).toBe("⑳");
  expect(seriesMark(21)).toBe("(21)");
  expect(numberedTitle({ title: "선진 해외 클러스터를 가다", seriesNo: 7 })).toBe("⑦ 선진 해외 클러스터를 가다");
});

it("credits the paper when the source names no author", () => {
  expect(bylineNames(makeArticle("a"))).toEqual(["충북일보"]);
  expect(bylineNames(makeArticle("b", { authors: [{ name: "권성욱", title: "박사" }] }))).toEqual(["권성욱 박사"]);
});

it("makes a teaser from the summary, else from the text cut at a word", () => {
  expect(teaser(makeArticle("a", { summary: "요약" }))).toBe("요약");
  const long = "가나가와 ".repeat(40);
  const out = teaser(makeArticle("b", { plainText: long }), 30);
  expect(out.endsWith("…")).toBe(true);
  expect(out.length).toBeLessThanOrEqual(31);
  expect(out).not.toMatch(/가나가\u2026$/);
});
