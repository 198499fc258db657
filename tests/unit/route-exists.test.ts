// Which page paths name something that exists: the 404 and redirect decisions the portal server makes before Next.
import { describe, expect, it } from "vitest";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { routePage } from "@/lib/http/page-routing";
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
  ])("%s → %s", async (pathname, exists) => {
    expect(await pageExists(reader, pathname, now)).toBe(exists);
  });
});

it("lets a scheduled article's page exist from its minute on, with no rebuild", async () => {
  expect(await pageExists(reader, "/articles/later", Date.parse("2030-01-01T00:00:00Z") - 1)).toBe(false);
  expect(await pageExists(reader, "/articles/later", Date.parse("2030-01-01T00:00:00Z"))).toBe(true);
});

describe("routePage (the portal server, before Next)", () => {
  const withAlias = readModelInMemory({
    articles: [
      makeArticle("old-story", { aliases: ["/news/articleView.html?idxno=7&sc=2"] }),
      makeArticle("soon", { date: "2030-01-01T09:00:00+09:00", aliases: ["/old/soon.html"] }),
    ],
    banners: [],
  });
  it.each([
    ["/news/articleView.html?sc=2&idxno=7", { redirect: "/articles/old-story" }],
    // Not yet published: no redirect, and Next answers a path no route has with its 404.
    ["/old/soon.html", { pass: true }],
    ["/articles/old-story", { pass: true }],
    ["/articles/nope", { notFound: true }],
    ["/articles/soon", { notFound: true }],
    ["/api/articles/nope/comments", { pass: true }],
    ["/img/abc-720.avif", { pass: true }],
    ["/_next/static/chunks/x.js", { pass: true }],
    ["/", { pass: true }],
    // A listing's first page has one address.
    ["/sections/economy/page/1", { redirect: "/sections/economy" }],
    ["/sections/economy/page/01/?utm=x", { redirect: "/sections/economy?utm=x" }],
    [`/tags/${encodeURIComponent("클러스터")}/page/1`, { redirect: `/tags/${encodeURIComponent("클러스터")}` }],
    ["/series/x/page/1", { redirect: "/series/x" }],
    ["/authors/x/page/1", { redirect: "/authors/x" }],
    ["/sections/economy/page/10", { notFound: true }],
  ])("%s → %j", async (url, route) => {
    expect(await routePage(withAlias, url, now)).toEqual(route);
  });
  it("asks one lookup for a published article's page, and finds a renamed article's old address", async () => {
    const renamed = readModelInMemory({
      articles: [makeArticle("new-name", { aliases: ["/articles/old-name"] }), makeArticle("plain")],
      banners: [],
    });
    const asked: string[] = [];
    const counting = new Proxy(renamed, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          asked.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    expect(await routePage(counting, "/articles/plain", now)).toEqual({ pass: true });
    expect(asked).toEqual(["exists"]);
    asked.length = 0;
    expect(await routePage(counting, "/articles/old-name", now)).toEqual({ redirect: "/articles/new-name" });
    expect(await routePage(counting, "/articles/gone", now)).toEqual({ notFound: true });
    expect(asked).toEqual(["exists", "aliasTarget", "exists", "aliasTarget"]);
  });
  it("never throws on a path that looks like an authority: any such path is a path of this site", async () => {
    const hostile = [
      "//[",
      "//[::1",
      "//a b",
      "//%zz",
      "//@",
      "//:99999",
      "///",
      "//\\evil",
      "//[v1.x]/y?z=1",
      "//ex ample.com/a",
    ];
    for (const url of [
      ...hostile,
      ...hostile.map((path) => `${path}?q=1`),
      ...Array.from({ length: 200 }, (_, i) => `//${String.fromCharCode(32 + (i % 95))}[${i}`),
    ])
      expect(await routePage(withAlias, url, now)).toEqual({ pass: true });
  });
  it("lets a scheduled article's old address redirect from its minute on", async () => {
    expect(await routePage(withAlias, "/old/soon.html", Date.parse("2030-01-01T00:00:00Z"))).toEqual({
      redirect: "/articles/soon",
    });
  });
});
