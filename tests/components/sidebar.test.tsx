// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { Sidebar } from "@/components/sidebar/sidebar";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { sidebarContent } from "@/lib/sidebar";
import type { Banner } from "@/lib/content/schema";
import { makeArticle } from "../unit/fixtures";

afterEach(cleanup);

const banner = (slot: Banner["slot"], end = "2099-01-01T00:00:00+09:00"): Banner => ({
  slot,
  image: { src: `/banners/${slot}.svg`, alt: `${slot} 배너`, width: 300, height: slot.startsWith("sidebar-top") ? 250 : 100 },
  link: "https://advertiser.example/",
  start: "2000-01-01T00:00:00+09:00",
  end,
  weight: 1,
});

async function renderSidebar() {
  const reader = readModelInMemory({
    articles: [
      // Newest first, as the read model keeps them (content order: by date, then slug).
      makeArticle("news", { title: "뉴스", date: "2008-11-09T19:59:40+09:00" }),
      makeArticle("column", { title: "칼럼", kind: "column", date: "2008-11-09T18:59:40+09:00" }),
      makeArticle("scoop", { title: "단독 기사", exclusive: true, date: "2008-11-09T17:59:40+09:00" }),
      makeArticle("magazine", {
        date: "2008-11-09T16:59:40+09:00",
        title: "매거진 기사",
        kind: "magazine",
        summary: "매거진 티저",
        image: { src: "/images/m.svg", alt: "자리표시 이미지", width: 308, height: 171, placeholder: true },
      }),
    ],
    banners: [
      banner("sidebar-top-1"),
      banner("sidebar-top-2"),
      banner("sidebar-top-3", "2001-01-01"),
      banner("sidebar-bottom-1"),
      banner("sidebar-bottom-2"),
    ],
  });
  render(<Sidebar {...await sidebarContent(reader, Date.parse("2026-01-01T00:00:00+09:00"))} />);
}

it("shows the running banners in the source's order, marked 광고, sponsored and at fixed size", async () => {
  await renderSidebar();
  const sidebar = screen.getByRole("complementary", { name: "사이드바" });
  const images = within(sidebar)
    .getAllByRole("img")
    .filter((img) => img.getAttribute("alt")?.includes("배너"));
  expect(images.map((img) => img.getAttribute("alt"))).toEqual([
    "sidebar-top-1 배너",
    "sidebar-top-2 배너",
    "sidebar-bottom-1 배너",
    "sidebar-bottom-2 배너",
  ]);
  expect(within(sidebar).getAllByText("광고")).toHaveLength(4);
  for (const img of images) {
    expect(img.closest("a")?.getAttribute("rel")).toBe("sponsored noopener");
    expect(img.getAttribute("width")).toBe("300");
    expect(img.getAttribute("height")).toMatch(/^(250|100)$/);
  }
});

it("fills Hot, Why and Only from the newest articles, columns and exclusives", async () => {
  await renderSidebar();
  const box = screen.getByRole("region", { name: "Hot & Why & Only" });
  const list = (name: RegExp) =>
    within(within(box).getByRole("region", { name }))
      .getAllByRole("link")
      .map((a) => a.textContent);
  expect(list(/^Hot/)).toEqual(["뉴스", "칼럼", "단독 기사", "매거진 기사"]);
  expect(list(/^Why/)).toEqual(["칼럼"]);
  expect(list(/^Only/)).toEqual(["단독 기사"]);
});

it("has a 실시간 댓글 box and 매거진 in 충북 with a 308×171 thumbnail and teaser", async () => {
  await renderSidebar();
  expect(screen.getByRole("region", { name: "실시간 댓글" })).toBeTruthy();
  const magazine = screen.getByRole("region", { name: "매거진 in 충북" });
  const thumb = within(magazine).getByRole("img", { name: "자리표시 이미지" });
  expect([thumb.getAttribute("width"), thumb.getAttribute("height")]).toEqual(["308", "171"]);
  expect(within(magazine).getByText("매거진 티저")).toBeTruthy();
});
