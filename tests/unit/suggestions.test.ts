// What a search that finds nothing offers: the most used tags, counted once per publication instant.
import { describe, expect, it, vi } from "vitest";
import { readModelInMemory } from "@/lib/archive/read";
import { popularTags } from "@/lib/search/suggestions";
import { makeArticle } from "./fixtures";

describe("popular tags", () => {
  const reader = readModelInMemory({
    articles: [
      makeArticle("a", { tags: ["클러스터", "오창"] }),
      makeArticle("b", { tags: ["클러스터"] }),
      makeArticle("c", { tags: ["체육"] }),
    ],
    banners: [],
  });
  const now = Date.parse("2026-11-25T00:00:00Z");

  it("lists the most used tags first", async () => {
    expect(await popularTags(reader, now, 2)).toEqual(["클러스터", "오창"]);
  });

  it("counts them once per instant however many searches find nothing", async () => {
    const groups = vi.spyOn(reader, "groups");
    for (let i = 0; i < 50; i++) await popularTags(reader, now + 1);
    expect(groups).toHaveBeenCalledTimes(1);
    await popularTags(reader, now + 2);
    expect(groups).toHaveBeenCalledTimes(2);
  });
});
