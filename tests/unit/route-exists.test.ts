// Which page paths name something that exists: the 404 decision proxy.ts makes before rendering.
import { describe, expect, it } from "vitest";
import { readModelInMemory } from "@/lib/archive/read";
import { pageExists } from "@/lib/route-exists";
import { makeArticle } from "./fixtures";

const articles = [
  makeArticle("published", { tags: ["클러스터"], series: "연재", authors: [{ name: "김기자" }] }),
  makeArticle("later", { date: "2030-01-01T09:00:00+09:00" }),
  makeArticle("hidden", { draft: true }),
];
const now = Date.parse("2026-11-25T00:00:00Z");
const reader = readModelInMemory({ articles, banners: [] });

describe("pageExists", () => {
  it.each([
    ["/articles/published", true],
    ["/articles/later", false],
    ["/articles/hidden", false],
    ["/articles/nope", false],
    ["/sections/economy", true],
    ["/sections/economy/page/1", false],
    ["/sections/economy/page/9", false],
    ["/sections/nope", false],
    [`/tags/${encodeURIComponent("클러스터")}`, true],
    ["/tags/nope", false],
    [`/series/${encodeURIComponent("연재")}`, true],
    ["/series/nope", false],
    [`/authors/${encodeURIComponent("김기자")}`, true],
    ["/authors/nope", false],
    ["/", true],
    ["/search", true],
    ["/unknown/route", true],
  ])("%s → %s", (pathname, exists) => {
    expect(pageExists(reader, pathname, now)).toBe(exists);
  });
});

it("lets a scheduled article's page exist from its minute on, with no rebuild", () => {
  expect(pageExists(reader, "/articles/later", Date.parse("2030-01-01T00:00:00Z") - 1)).toBe(false);
  expect(pageExists(reader, "/articles/later", Date.parse("2030-01-01T00:00:00Z"))).toBe(true);
});
