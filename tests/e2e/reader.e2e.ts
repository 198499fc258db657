// A reader in Chromium against the production build of the real content.
import { describe, expect, it } from "vitest";
import { brokenImagesAfterScrolling, openPage, screenshot, VIEWPORTS } from "./browser";

const KANAGAWA = "/articles/kanagawa-science-park";
const TITLE = "⑦ 선진 해외 클러스터를 가다 - 日 가나가와 사이언스 파크";

describe("reading", () => {
  it("follows a headline from the home page to the Kanagawa article and sees all its parts", async () => {
    const { page, errors, context } = await openPage();
    await page.goto("/");
    await page.getByRole("link", { name: TITLE }).first().click();
    await page.waitForURL(`**${KANAGAWA}`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(TITLE);
    const text = (await page.getByRole("main").textContent()) ?? "";
    expect(text).toContain("웹출고시간2008.11.09 19:59:40");
    expect(text).toContain("최종수정2013.08.04 00:44:01");
    expect(text).toContain("일본 최초의 도시형 사이언스파크인");
    expect(await page.getByRole("complementary", { name: "日 INS의 사회적 네트워크를 통한 산학연계" }).textContent()).toContain(
      "권성욱 박사",
    );
    await expect(page.getByRole("heading", { name: "관련기사" }).isVisible()).resolves.toBe(true);
    for (const name of ["Hot & Why & Only", "실시간 댓글", "매거진 in 충북"]) {
      await expect(page.getByRole("heading", { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("changes the text size with the toolbar", async () => {
    const { page, errors, context } = await openPage();
    await page.goto(KANAGAWA);
    const size = () =>
      page
        .locator(".article-body")
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.getByRole("button", { name: /글자 크게/ }).click();
    expect(await size()).toBeGreaterThan(before);
    await page.reload();
    expect(await size()).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads the whole article, its comments and its sidebars without JavaScript", async () => {
    const { page, context } = await openPage(VIEWPORTS.phone, false);
    await page.goto(KANAGAWA);
    const text =
      (await page.getByRole("main").textContent()) +
      ((await page.getByRole("complementary", { name: "사이드바" }).textContent()) ?? "");
    expect(text).toContain("불가능한 일은 아닐 것이다.");
    expect(text).toMatch(/이 기사는 \d+번 공유됐고 \d+개의 댓글이 있습니다/);
    expect(text).toContain("매거진 in 충북");
    await context.close();
  });
});

describe("a layout no content can widen", () => {
  it("keeps every page at the phone's width whatever a comment or a text holds", async () => {
    const { page, context } = await openPage(VIEWPORTS.phone);
    const hostile = [
      "\u1100".repeat(5_000),
      Array.from({ length: 500 }, () => "\u{1F468}").join("\u200D"),
      "https://example.com/" + "a".repeat(3_000),
      "가".repeat(3_000),
    ];
    for (const path of ["/", KANAGAWA, "/search?q=클러스터"]) {
      await page.goto(path);
      // What the rules refuse today is written into the page as a later rule might miss it: into the
      // sidebar's 실시간 댓글 (or a box of its own when there is none yet) and into the main column.
      await page.evaluate((texts) => {
        const sidebar = document.querySelector('aside[aria-label="사이드바"]')!;
        const box = sidebar.querySelector("#live-comments")?.closest("section") ?? sidebar;
        for (const text of texts) {
          const item = document.createElement("p");
          item.className = "reader-box";
          item.textContent = text;
          box.append(item);
          const wide = document.createElement("p");
          wide.textContent = text;
          document.querySelector("main")!.append(wide);
        }
      }, hostile);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect({ path, width }).toEqual({ path, width: VIEWPORTS.phone.width });
    }
    await context.close();
  });
});

describe("taking part", () => {
  it("posts a comment that appears without a reload and in 실시간 댓글", async () => {
    const { page, errors, context } = await openPage();
    await page.goto(KANAGAWA);
    const body = `브라우저에서 쓴 댓글 ${Date.now()}`;
    await page.getByLabel("닉네임").first().fill("브라우저 독자");
    await page.getByLabel("비밀번호 (삭제할 때 필요)").first().fill("pass1234");
    await page.getByLabel("댓글", { exact: true }).fill(body);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("button", { name: "댓글 올리기" }).click();
    await page.getByText(body).first().waitFor();
    // Same document: the page was refreshed in place, not reloaded.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await expect(page.getByRole("region", { name: "실시간 댓글" }).textContent()).resolves.toContain(body);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("copies the link and sees the share count rise", async () => {
    const { page, errors, context } = await openPage();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(KANAGAWA);
    const count = async () => Number(/이 기사는 (\d+)번 공유됐고/.exec((await page.getByRole("main").textContent()) ?? "")?.[1]);
    const before = await count();
    await page.getByRole("button", { name: "링크 복사" }).click();
    await page.getByRole("button", { name: "복사됨" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/articles\/kanagawa-science-park$/);
    await page.waitForFunction((n) => new RegExp(`이 기사는 ${n}번 공유됐고`).test(document.body.textContent ?? ""), before + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("searches in Korean from the header and reaches the article", async () => {
    const { page, errors, context } = await openPage();
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const scripts = () =>
      page.evaluate(() => performance.getEntriesByType("resource").filter((r) => /\.js(\?|$)/.test(r.name)).length);
    const scriptsBefore = await scripts();
    const header = page.getByRole("search", { name: "기사 검색" });
    const box = header.getByRole("searchbox", { name: "검색어" });
    await box.focus();
    await box.fill("사이언스 파크");
    // Suggestions arrive as you type; their code loads only after the box got focus.
    await header.getByRole("link", { name: /가나가와 사이언스 파크/ }).waitFor();
    expect(await scripts()).toBeGreaterThan(scriptsBefore);
    await box.press("Enter");
    await page.waitForURL("**/search?q=*");
    await page.getByRole("main").getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`**${KANAGAWA}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("keyboard and screens", () => {
  it("skips to the content and opens an article with the keyboard alone", async () => {
    const { page, errors, context } = await openPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("본문 바로가기");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      if (
        (await page.evaluate(() => document.activeElement?.getAttribute("href"))) ===
        "/articles/yoon-hyun-woo-sports-council-interview"
      )
        break;
    }
    await page.keyboard.press("Enter");
    await page.waitForURL("**/articles/yoon-hyun-woo-sports-council-interview");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("renders every page kind on a phone and a desktop, every image loaded, without console errors (screenshots in test-results/)", async () => {
    const pages = [
      "/",
      KANAGAWA,
      "/articles/ins-social-network-column",
      "/articles/yoon-hyun-woo-sports-council-interview",
      "/sections/economy",
      "/search?q=오창",
      "/없는-페이지",
    ];
    const broken: string[] = [];
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors, context } = await openPage(viewport);
      for (const path of pages) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        broken.push(...(await brokenImagesAfterScrolling(page)).map((src) => `${name} ${path}: ${src}`));
        await screenshot(page, `${name}${path.replace(/[^a-z0-9가-힣]+/gi, "_")}`);
      }
      // The 404 page logs its own status as a resource error; nothing else may.
      expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
      await context.close();
    }
    expect(broken).toEqual([]);
  }, 90_000);
});

describe("hostile content", () => {
  it("a hostile article and a hostile comment execute nothing", async () => {
    const { page, errors, dialogs, context } = await openPage();
    await page.goto("/articles/hostile-markdown");
    await page.getByText("안전한 문장은 남는다.").waitFor();
    const payload = `<img src=x onerror="window.__pwned=9;alert(9)"><script>window.__pwned=8</script>`;
    await page.getByLabel("닉네임").first().fill("<b>악성</b>");
    await page.getByLabel("비밀번호 (삭제할 때 필요)").first().fill("pass1234");
    await page.getByLabel("댓글", { exact: true }).fill(payload);
    await page.getByRole("button", { name: "댓글 올리기" }).click();
    await page.getByText(payload).first().waitFor();
    await page.reload();
    await page.getByText(payload).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main a[href^='javascript:']").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await context.close();
  });
});
