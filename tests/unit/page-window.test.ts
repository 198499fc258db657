// The pager's pages, against the rule written out plainly for every page of pagers up to 40 pages long.
import { describe, expect, it } from "vitest";
import { PAGES_AROUND, pageWindow } from "@/lib/page-window";

/** The rule, by brute force: which of 1…pageCount are linked, then gaps where two or more are left out. */
function reference(page: number, pageCount: number): (number | "gap")[] {
  const linked = (n: number) => n === 1 || n === pageCount || Math.abs(n - page) <= PAGES_AROUND;
  const links: (number | "gap")[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (linked(n)) links.push(n);
    // A page left out between two linked ones is linked itself: a gap stands for two or more.
    else if (linked(n - 1) && linked(n + 1) && n + 1 <= pageCount) links.push(n);
    else if (links.at(-1) !== "gap") links.push("gap");
  }
  return links;
}

describe("pageWindow", () => {
  it("links the first, the last and the pages around the current one, every page of pagers up to 40 pages", () => {
    for (let pageCount = 1; pageCount <= 40; pageCount++)
      for (let page = 1; page <= pageCount; page++)
        expect(pageWindow(page, pageCount), `${page}/${pageCount}`).toEqual(reference(page, pageCount));
  });

  it("keeps a long pager short: page 400 of 834", () => {
    expect(pageWindow(400, 834)).toEqual([1, "gap", 398, 399, 400, 401, 402, "gap", 834]);
    expect(pageWindow(3, 834)).toEqual([1, 2, 3, 4, 5, "gap", 834]);
  });

  it("clamps a page outside the pager, and has nothing for no pages", () => {
    expect(pageWindow(9000, 10)).toEqual([1, "gap", 8, 9, 10]);
    expect(pageWindow(0, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 0)).toEqual([]);
  });
});
