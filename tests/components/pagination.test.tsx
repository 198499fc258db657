// @vitest-environment jsdom
// The pager of a section 834 pages long, as a reader (and a screen reader) gets it.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { Pagination } from "@/components/listing/pagination";

afterEach(cleanup);

it("links the first and last pages, the pages around this one, 이전 and 다음; the gaps are hidden from screen readers", () => {
  render(<Pagination page={400} pageCount={834} pathOf={(n) => `/sections/society/page/${n}`} />);
  const nav = screen.getByRole("navigation", { name: "페이지" });
  const links = within(nav).getAllByRole("link");
  expect(links.map((a) => a.textContent)).toEqual(["이전", "1", "398", "399", "400", "401", "402", "834", "다음"]);
  expect(within(nav).getByRole("link", { name: "400" }).getAttribute("aria-current")).toBe("page");
  expect(within(nav).getByRole("link", { name: "834" }).getAttribute("href")).toBe("/sections/society/page/834");
  expect(within(nav).getByRole("link", { name: "이전" }).getAttribute("href")).toBe("/sections/society/page/399");
  expect(nav.querySelectorAll('[aria-hidden="true"]')).toHaveLength(2);
});

it("renders nothing for a single page", () => {
  const { container } = render(<Pagination page={1} pageCount={1} pathOf={(n) => `/p/${n}`} />);
  expect(container.innerHTML).toBe("");
});
