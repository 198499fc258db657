// @vitest-environment jsdom
// Where an article's photo appears outside its own page: the home page's lead, lists, the 매거진 box.
import { cleanup, render } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { TopStory } from "@/components/home/top-story";
import { ArticleList } from "@/components/listing/article-list";
import { MagazineBox } from "@/components/sidebar/magazine-box";
import { makeArticle } from "../unit/fixtures";

afterEach(cleanup);

const photo = { hash: "0123456789abcdef0123", width: 4000, height: 3000, color: "#5a7d9a" };
// No lead photo: its first body photo stands for it.
const withPhoto = makeArticle("photo-story", {
  kind: "magazine",
  images: [{ src: "/images/a.jpg", alt: "현장 사진", width: 4000, height: 3000, photo }],
});
const withoutPhoto = makeArticle("text-story");

it("leads the home page with the top story's photo, fetched first, with its alt text and colour", () => {
  const { container } = render(<TopStory article={withPhoto} />);
  const img = container.querySelector("picture img")!;
  expect(img.getAttribute("alt")).toBe("현장 사진");
  expect(img.getAttribute("fetchpriority")).toBe("high");
  expect(img.getAttribute("loading")).toBe("eager");
  expect(img.getAttribute("style")).toContain("background-color: rgb(90, 125, 154)");
  expect(container.querySelectorAll("picture source")).toHaveLength(2);
  expect(render(<TopStory article={withoutPhoto} />).container.querySelector("picture")).toBeNull();
});

it("gives list items a lazy 3:2 thumbnail and the 매거진 box its 308×171 crop, never the original", () => {
  const list = render(<ArticleList articles={[withPhoto, withoutPhoto]} />).container;
  const thumbnails = list.querySelectorAll("picture img");
  expect(thumbnails).toHaveLength(1);
  expect(thumbnails[0]!.getAttribute("src")).toBe(`/img/${photo.hash}-144x96.jpg`);
  expect(thumbnails[0]!.getAttribute("loading")).toBe("lazy");
  const box = render(<MagazineBox articles={[withPhoto]} />).container;
  const crop = box.querySelector("picture img")!;
  expect(crop.getAttribute("src")).toBe(`/img/${photo.hash}-308x171.jpg`);
  expect(crop.getAttribute("srcset")).toBe(`/img/${photo.hash}-308x171.jpg 1x, /img/${photo.hash}-616x342.jpg 2x`);
  expect(box.innerHTML + list.innerHTML).not.toContain("/images/a.jpg");
});
