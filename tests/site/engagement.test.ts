// Comments, shares, reads and moderation through the real route handlers of the built fixture site (SQLite).
import { randomBytes } from "node:crypto";
import { JSDOM } from "jsdom";
import { describe, expect, inject, it } from "vitest";
import { fetchPage } from "./fetch-page";
import { ADMIN_TOKEN } from "./global-setup";

const ARTICLE = "cluster-visit";
// A new reader for every post (the last hop is the client): random picks from 256 addresses collided now and
// then, and a second comment from one address within a minute is rightly refused (429).
let readers = 0;
const client = () => `203.0.113.7, 10.0.${Math.floor(readers / 250)}.${(readers++ % 250) + 1}`;
const url = (path: string) => inject("siteUrl") + path;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text.startsWith("{") ? JSON.parse(text) : undefined, text };
}

const comment = (body: string) => ({ nickname: "시험독자", body, password: "pass1234" });
const list = async (slug = ARTICLE, query = "") =>
  (await (await fetch(url(`/api/articles/${slug}/comments${query}`))).json()) as {
    comments: { id: number; body: string; replies?: { body: string }[] }[];
    total: number;
  };

async function pageShows(path: string, text: string): Promise<boolean> {
  // The write invalidates the cached page; the next request must already carry the new text.
  return (await fetchPage(path)).html.includes(text);
}

describe("posting and reading comments", () => {
  it("posts (201), lists it, shows it on the prerendered page and in 실시간 댓글, escaped", async () => {
    const body = `첫 댓글 ${randomBytes(4).toString("hex")} <script>alert(1)</script>\n둘째 줄`;
    const created = await post(`/api/articles/${ARTICLE}/comments`, comment(body));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ nickname: "시험독자", body, parentId: null });
    expect(Object.keys(created.json).sort()).toEqual(["body", "createdAt", "id", "nickname", "parentId"]);
    expect((await list()).comments.map((c) => c.body)).toContain(body);

    const page = await fetchPage(`/articles/${ARTICLE}`);
    expect(page.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    const doc = new JSDOM(page.html).window.document;
    const item = doc.getElementById(`comment-${created.json.id}`);
    expect(item?.textContent).toContain("<script>alert(1)</script>");
    expect(page.html).not.toContain("<script>alert(1)</script>");
    expect(doc.body.textContent).toMatch(/이 기사는 \d+번 공유됐고 [1-9]\d*개의 댓글이 있습니다/);
    expect(await pageShows("/", body.split("\n")[0]!.replace(/</g, "&lt;").replace(/>/g, "&gt;"))).toBe(true);
  });

  it("answers replies one level deep and lists oldest first on request", async () => {
    const parent = await post(`/api/articles/${ARTICLE}/comments`, comment("부모 댓글"));
    const reply = await post(`/api/articles/${ARTICLE}/comments`, { ...comment("답글입니다"), parentId: parent.json.id });
    expect(reply.status).toBe(201);
    expect(reply.json.parentId).toBe(parent.json.id);
    const nested = await post(`/api/articles/${ARTICLE}/comments`, { ...comment("답글의 답글"), parentId: reply.json.id });
    expect(nested.status).toBe(400);
    expect(nested.json.error).toMatch(/답글/);
    const newest = await list();
    expect(newest.comments.find((c) => c.id === parent.json.id)?.replies?.map((r) => r.body)).toEqual(["답글입니다"]);
    const oldest = await list(ARTICLE, "?order=oldest");
    expect(oldest.comments[0]!.id).toBeLessThan(oldest.comments[oldest.comments.length - 1]!.id);
  });

  it("works without JavaScript: a form post redirects back to the new comment", async () => {
    const response = await fetch(url(`/api/articles/${ARTICLE}/comments`), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client(), origin: inject("siteUrl") },
      body: new URLSearchParams({ nickname: "폼독자", password: "pass1234", body: "자바스크립트 없이 쓴 댓글", website: "" }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^/articles/${ARTICLE}#comment-\\d+$`));
    expect(await pageShows(`/articles/${ARTICLE}`, "자바스크립트 없이 쓴 댓글")).toBe(true);
  });

  it("turns a form error into a Korean page, not JSON", async () => {
    const response = await fetch(url(`/api/articles/${ARTICLE}/comments`), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client() },
      body: new URLSearchParams({ nickname: "", password: "pass1234", body: "본문" }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("닉네임을 입력해 주세요.");
  });

  it("answers 404 for unknown, draft and scheduled articles", async () => {
    for (const slug of ["no-such-article", "unfinished-draft", "scheduled-story"]) {
      expect((await post(`/api/articles/${slug}/comments`, comment("x"))).status).toBe(404);
      expect((await fetch(url(`/api/articles/${slug}/comments`))).status).toBe(404);
    }
  });
});

describe("bad input gets its 4xx and stores nothing", () => {
  it.each([
    ["empty nickname", { ...comment("본문"), nickname: "" }, 400],
    ["21-character nickname", { ...comment("본문"), nickname: "가".repeat(21) }, 400],
    ["whitespace-only body", comment("   \n "), 400],
    ["1,001-character body", comment("가".repeat(1001)), 400],
    ["control character", comment("종\u0007소리"), 400],
    ["no password", { nickname: "a", body: "b" }, 400],
    ["honeypot filled", { ...comment("스팸"), website: "http://spam.example" }, 400],
    ["not JSON", "{nickname:", 400],
    ["a JSON array", "[1,2]", 400],
    ["oversized body", JSON.stringify({ ...comment("가".repeat(20_000)) }), 413],
  ])("%s", async (_name, body, status) => {
    const before = (await list()).total;
    const response = await post(`/api/articles/${ARTICLE}/comments`, body);
    expect(response.status).toBe(status);
    expect(typeof response.json.error).toBe("string");
    expect((await list()).total).toBe(before);
  });

  it("refuses a write from another site (Origin, Sec-Fetch-Site)", async () => {
    const before = (await list()).total;
    expect((await post(`/api/articles/${ARTICLE}/comments`, comment("외부"), { origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await post(`/api/articles/${ARTICLE}/comments`, comment("외부"), { "sec-fetch-site": "cross-site" })).status).toBe(
      403,
    );
    expect((await post(`/api/articles/${ARTICLE}/shares`, {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await list()).total).toBe(before);
  });

  it("rate-limits one client by interval, and stores one comment for a double submit", async () => {
    const me = { "x-forwarded-for": `192.0.2.${randomBytes(1)[0]! % 200}` };
    const key = randomBytes(8).toString("hex");
    const first = await post(`/api/articles/${ARTICLE}/comments`, comment(`한 번 ${key}`), { ...me, "idempotency-key": key });
    const again = await post(`/api/articles/${ARTICLE}/comments`, comment(`한 번 ${key}`), { ...me, "idempotency-key": key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.id).toBe(first.json.id);
    const tooSoon = await post(`/api/articles/${ARTICLE}/comments`, comment("너무 빨리"), me);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.json.error).toMatch(/초/);
  });
});

describe("deleting, reporting and moderating", () => {
  it("deletes with the right password only", async () => {
    const created = await post(`/api/articles/${ARTICLE}/comments`, comment("지울 댓글"));
    expect(created.status).toBe(201);
    const del = (password: string, headers: Record<string, string> = {}) =>
      fetch(url(`/api/comments/${created.json.id}`), {
        method: "DELETE",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ password }),
      });
    expect((await del("wrong")).status).toBe(403);
    expect((await del("pass1234", { origin: "https://evil.example" })).status).toBe(403);
    expect((await list()).comments.map((c) => c.id)).toContain(created.json.id);
    expect((await del("pass1234")).status).toBe(204);
    expect((await list()).comments.map((c) => c.id)).not.toContain(created.json.id);
    expect(await pageShows(`/articles/${ARTICLE}`, `comment-${created.json.id}"`)).toBe(false);
  });

  it("hides a comment after reports from two readers; admin needs the token and restores it", async () => {
    const created = await post(`/api/articles/${ARTICLE}/comments`, comment("신고될 댓글"));
    const report = (ip: string) =>
      fetch(url(`/api/comments/${created.json.id}/report`), { method: "POST", headers: { "x-forwarded-for": ip } });
    // One host's addresses are one reporter however many /64s or IPv4 neighbours it has.
    expect(await (await report("2001:db8:77:1::1")).json()).toEqual({ hidden: false });
    expect(await (await report("2001:db8:77:2::1")).json()).toEqual({ hidden: false });
    expect(await (await report("2001:db8:77:3::9")).json()).toEqual({ hidden: false });
    expect(await (await report("198.18.0.1")).json()).toEqual({ hidden: true });
    expect((await list()).comments.map((c) => c.id)).not.toContain(created.json.id);

    const moderate = (headers: Record<string, string>) =>
      fetch(url(`/api/admin/comments/${created.json.id}`), {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ action: "restore" }),
      });
    expect((await moderate({})).status).toBe(401);
    expect((await moderate({ authorization: "Bearer wrong" })).status).toBe(401);
    expect((await moderate({ authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
    expect((await list()).comments.map((c) => c.id)).toContain(created.json.id);
  });

  it("/admin asks for the token, and lists comments after login", async () => {
    const login = await fetch(url("/admin"));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("관리자 토큰");
    const bad = await fetch(url("/api/admin/session"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=nope",
      redirect: "manual",
    });
    expect(bad.status).toBe(401);
    const good = await fetch(url("/api/admin/session"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${ADMIN_TOKEN}`,
      redirect: "manual",
    });
    expect(good.status).toBe(303);
    const cookie = good.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(good.headers.get("set-cookie")).toMatch(/HttpOnly/);
    const admin = await (await fetch(url("/admin"), { headers: { cookie } })).text();
    expect(admin).toContain("신고된 댓글");
    expect(admin).toContain("조치 기록");

    // Logging out revokes the session itself: a kept copy of the cookie no longer works.
    const logout = await fetch(url("/api/admin/session"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: "logout=1",
      redirect: "manual",
    });
    expect(logout.status).toBe(303);
    expect(await (await fetch(url("/admin"), { headers: { cookie } })).text()).toContain("관리자 토큰");
    const moderate = await fetch(url("/api/admin/comments/1"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ action: "hide" }),
    });
    expect(moderate.status).toBe(401);
  });

  it("lets one client try the admin token ten times, then once a minute, by form or by Bearer", async () => {
    const client = { "x-forwarded-for": `2001:db8:${randomBytes(2).toString("hex")}::1` };
    const tryForm = (token: string, from = client) =>
      fetch(url("/api/admin/session"), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...from },
        body: `token=${token}`,
        redirect: "manual",
      }).then((r) => r.status);
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push(await tryForm(`guess-${i}`));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Even the right token waits, and another address of the same /64 is the same client.
    expect(await tryForm(ADMIN_TOKEN, { "x-forwarded-for": client["x-forwarded-for"].replace(/::1$/, "::2") })).toBe(429);
    const bearer = await fetch(url("/api/admin/comments/1"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer guess", ...client },
      body: JSON.stringify({ action: "hide" }),
    });
    expect(bearer.status).toBe(429);
  });
});

describe("shares and reads", () => {
  it("counts one share per visitor a day and shows the new count in the header line", async () => {
    const before = (await post(`/api/articles/${ARTICLE}/shares`, {})).json.shares as number;
    const visitor = { "x-forwarded-for": `100.65.${randomBytes(1)[0]}.${randomBytes(1)[0]}` };
    const after = (await post(`/api/articles/${ARTICLE}/shares`, {}, visitor)).json.shares as number;
    expect(after).toBe(before + 1);
    // A repeat, with any other User-Agent or headers, answers 200 with the count unchanged.
    for (const agent of ["a", "b", "c"]) {
      const again = await post(
        `/api/articles/${ARTICLE}/shares`,
        {},
        { ...visitor, "user-agent": agent, "accept-language": agent },
      );
      expect(again.status).toBe(200);
      expect(again.json.shares).toBe(after);
    }
    expect(await pageShows(`/articles/${ARTICLE}`, `이 기사는 <strong class="text-ink">${after}</strong>번 공유됐고`)).toBe(true);
  });

  it("counts one read per visitor per day, whatever User-Agent it sends", async () => {
    const address = `100.64.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const as = (agent: string) => ({ "x-forwarded-for": address, "user-agent": agent });
    expect((await post(`/api/articles/sports-note/reads`, "", as("first"))).json).toEqual({ counted: true });
    for (let i = 0; i < 20; i++)
      expect((await post(`/api/articles/sports-note/reads`, "", as(`agent-${i}`))).json).toEqual({ counted: false });
    expect((await post(`/api/articles/unfinished-draft/reads`, "", as("x"))).status).toBe(404);
  });

  it("counts every address of one IPv6 /64 as one visitor", async () => {
    const prefix = `2001:db8:${randomBytes(2).toString("hex")}:1`;
    expect((await post(`/api/articles/sports-note/reads`, "", { "x-forwarded-for": `${prefix}::1` })).json).toEqual({
      counted: true,
    });
    expect((await post(`/api/articles/sports-note/reads`, "", { "x-forwarded-for": `${prefix}:abcd::99` })).json).toEqual({
      counted: false,
    });
  });
});
