import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError, engagementService, type EngagementService } from "@/lib/engagement/service";
import { hashPassword } from "@/lib/engagement/secrets";
import { ENGINES } from "./engines";

// The real hash, watched: refused requests must be refused before the slow scrypt runs.
vi.mock("@/lib/engagement/secrets", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/engagement/secrets")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

const limits = {
  ...engagementConfig,
  minIntervalSeconds: 60,
  dailyLimit: 3,
  reportThreshold: 2,
  passwordFailuresPerComment: 3,
  passwordFailuresPerClient: 5,
};
const comment = (body: string, extra: Record<string, unknown> = {}) => ({
  nickname: "독자",
  body,
  password: "secret1",
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngagementError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(ENGINES)("engagement on $name", (engine) => {
  let db: Db & { drop: () => Promise<void> };
  let clock: number;
  let service: EngagementService;

  beforeEach(async () => {
    db = await engine.open();
    clock = Date.parse("2026-11-25T09:00:00Z");
    service = engagementService(db, limits, () => clock);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("posts, lists newest or oldest first, counts, and replies one level deep", async () => {
    const first = await service.postComment("a", comment("첫 댓글"), "client-1");
    clock += 61_000;
    const second = await service.postComment("a", comment("둘째 댓글"), "client-1");
    const reply = await service.postComment("a", comment("답글", { parentId: first.comment.id }), "client-2");
    expect(first.created && second.created && reply.created).toBe(true);
    const newest = await service.listComments("a");
    expect(newest.total).toBe(3);
    expect(newest.comments.map((c) => c.body)).toEqual(["둘째 댓글", "첫 댓글"]);
    expect(newest.comments[1]?.replies?.map((r) => [r.body, r.parentId])).toEqual([["답글", first.comment.id]]);
    const oldest = await service.listComments("a", { order: "oldest" });
    expect(oldest.comments.map((c) => c.body)).toEqual(["첫 댓글", "둘째 댓글"]);
    expect(
      await refusal(service.postComment("a", comment("답글의 답글", { parentId: reply.comment.id }), "client-3")),
    ).toMatchObject({ status: 400 });
    expect(
      await refusal(service.postComment("b", comment("다른 기사의 답글", { parentId: first.comment.id }), "client-3")),
    ).toMatchObject({ status: 400 });
  });

  it("stores the text as typed (NFC), never as HTML", async () => {
    const hostile = '<script>alert(1)</script>\n"둘째 줄" & <b>';
    const { comment: stored } = await service.postComment("a", comment(hostile.normalize("NFD")), "c");
    expect(stored.body).toBe(hostile.normalize("NFC"));
  });

  it("makes a double submit one comment", async () => {
    const a = await service.postComment("a", comment("한 번만"), "c", "key-1");
    const b = await service.postComment("a", comment("한 번만"), "c", "key-1");
    expect(b).toEqual({ comment: a.comment, created: false });
    clock += 61_000;
    // Without a key, the same text from the same reader on the same article is the same request.
    const c = await service.postComment("a", comment("한 번만"), "c");
    const d = await service.postComment("a", comment("한 번만"), "c");
    expect(d.created).toBe(false);
    expect(d.comment.id).toBe(c.comment.id);
    expect((await service.listComments("a")).total).toBe(2);
  });

  it("limits each client by interval and by day", async () => {
    limits.minIntervalSeconds = 60;
    await service.postComment("a", comment("1"), "c");
    expect(await refusal(service.postComment("a", comment("2"), "c"))).toMatchObject({ status: 429 });
    await service.postComment("a", comment("다른 사람"), "other");
    clock += 61_000;
    await service.postComment("a", comment("2"), "c");
    clock += 61_000;
    await service.postComment("a", comment("3"), "c");
    clock += 61_000;
    const daily = await refusal(service.postComment("a", comment("4"), "c"));
    expect(daily).toMatchObject({ status: 429 });
    expect(daily.message).toContain("하루");
    clock += 86_400_000;
    expect((await service.postComment("a", comment("다음 날"), "c")).created).toBe(true);
  });

  it.each([
    ["an empty nickname", { nickname: " " }],
    ["a 21-character nickname", { nickname: "가".repeat(21) }],
    ["a whitespace-only body", { body: " \n\t " }],
    ["a 1,001-character body", { body: "가".repeat(1001) }],
    ["a control character", { body: "안녕\u0007" }],
    ["a missing password", { password: undefined }],
    ["a non-text body", { body: 42 }],
  ])("refuses %s with 400 and stores nothing", async (_name, extra) => {
    expect(await refusal(service.postComment("a", { ...comment("본문"), ...extra }, "c"))).toMatchObject({ status: 400 });
    expect((await service.listComments("a")).total).toBe(0);
  });

  it("accepts exactly 20 and 1,000 characters, counting Korean as readers do", async () => {
    const { comment: c } = await service.postComment(
      "a",
      { nickname: "가".repeat(20), body: "한".repeat(1000), password: "pw12" },
      "c",
    );
    expect(c.body).toHaveLength(1000);
  });

  it("deletes with the right password only", async () => {
    const { comment: c } = await service.postComment("a", comment("지울 댓글"), "c");
    expect(await refusal(service.deleteComment(c.id, "wrong", "c"))).toMatchObject({ status: 403 });
    expect((await service.listComments("a")).total).toBe(1);
    expect(await service.deleteComment(c.id, "secret1", "c")).toBe("a");
    expect((await service.listComments("a")).total).toBe(0);
    expect(await refusal(service.deleteComment(c.id, "secret1", "c"))).toMatchObject({ status: 404 });
    expect(await refusal(service.deleteComment(99999, "secret1", "c"))).toMatchObject({ status: 404 });
  });

  it("limits password guessing per comment and per client, for an hour", async () => {
    const { comment: target } = await service.postComment("a", comment("지킬 댓글"), "author");
    for (let i = 0; i < limits.passwordFailuresPerComment; i++)
      expect(await refusal(service.deleteComment(target.id, `guess-${i}`, `guesser-${i}`))).toMatchObject({ status: 403 });
    // Even the right password waits now: the next guess would not be checked either.
    expect(await refusal(service.deleteComment(target.id, "secret1", "author"))).toMatchObject({ status: 429 });
    clock += 3_600_001;
    expect(await service.deleteComment(target.id, "secret1", "author")).toBe("a");

    const many = [];
    for (let i = 0; i < limits.passwordFailuresPerClient + 1; i++) {
      clock += 61_000;
      many.push((await service.postComment("b", comment(`댓글 ${i}`), `author-${i}`)).comment.id);
    }
    for (const id of many.slice(0, limits.passwordFailuresPerClient))
      expect(await refusal(service.deleteComment(id, "wrong", "one-guesser"))).toMatchObject({ status: 403 });
    expect(await refusal(service.deleteComment(many.at(-1)!, "wrong", "one-guesser"))).toMatchObject({ status: 429 });
  });

  it("lets no more guesses through than the limit when they arrive all at once", async () => {
    const { comment: target } = await service.postComment("a", comment("동시에 노려진 댓글"), "author");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => refusal(service.deleteComment(target.id, `guess-${i}`, `guesser-${i % 3}`))),
    );
    expect(answers.filter((a) => a.status === 403)).toHaveLength(limits.passwordFailuresPerComment);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(20 - limits.passwordFailuresPerComment);
  });

  it("refuses before hashing: a repeat, a too-soon and a bad comment never run the password hash", async () => {
    await service.postComment("a", comment("처음"), "c", "key-x");
    const hashes = vi.mocked(hashPassword).mock.calls.length;
    await service.postComment("a", comment("처음"), "c", "key-x");
    await refusal(service.postComment("a", comment("너무 빨리"), "c"));
    await refusal(service.postComment("a", comment(""), "c"));
    expect(vi.mocked(hashPassword).mock.calls.length).toBe(hashes);
  });

  it("does not reveal a hidden comment: report and delete answer 404 as for a missing one", async () => {
    const { comment: c } = await service.postComment("a", comment("숨겨질 댓글"), "c");
    await service.moderate(c.id, "hide", "admin");
    expect(await refusal(service.reportComment(c.id, "r9"))).toMatchObject({ status: 404 });
    expect(await refusal(service.deleteComment(c.id, "wrong", "r9"))).toMatchObject({ status: 404 });
    expect(await refusal(service.deleteComment(c.id, "secret1", "c"))).toMatchObject({ status: 404 });
  });

  it("stops counting and listing the replies of a hidden comment", async () => {
    const { comment: parent } = await service.postComment("a", comment("부모"), "c1");
    await service.postComment("a", comment("답글", { parentId: parent.id }), "c2");
    expect((await service.listComments("a")).total).toBe(2);
    await service.moderate(parent.id, "hide", "admin");
    expect((await service.listComments("a")).total).toBe(0);
    expect(await service.commentCount("a")).toBe(0);
    expect((await service.latestComments(10)).map((c) => c.body)).toEqual([]);
  });

  it("hides a comment after enough reports from different readers, and a moderator restores it", async () => {
    const { comment: c } = await service.postComment("a", comment("신고될 댓글"), "c");
    expect(await service.reportComment(c.id, "r1")).toEqual({ articleSlug: "a", hidden: false });
    expect(await service.reportComment(c.id, "r1")).toEqual({ articleSlug: "a", hidden: false });
    expect(await service.reportComment(c.id, "r2")).toEqual({ articleSlug: "a", hidden: true });
    expect(await refusal(service.reportComment(c.id, "r3"))).toMatchObject({ status: 404 });
    expect((await service.listComments("a")).total).toBe(0);
    expect((await service.adminLists()).reported.map((x) => [x.id, x.reportCount, x.status])).toEqual([[c.id, 2, "hidden"]]);
    await service.moderate(c.id, "restore", "admin");
    expect((await service.listComments("a")).total).toBe(1);
    expect((await service.moderationLog()).map((l) => l.action)).toEqual(["restore", "auto-hide"]);
  });

  it("counts shares and reads once per visitor a day, and ranks the most read", async () => {
    expect(await service.recordShare("a", "v1", "2026-11-25")).toEqual({ shares: 1, counted: true });
    expect(await service.recordShare("a", "v1", "2026-11-25")).toEqual({ shares: 1, counted: false });
    expect(await service.recordShare("a", "v2", "2026-11-25")).toEqual({ shares: 2, counted: true });
    expect(await service.recordShare("a", "v1", "2026-11-26")).toEqual({ shares: 3, counted: true });
    expect(await service.shareCount("a")).toBe(3);
    expect(await service.shareCount("none")).toBe(0);
    expect(await service.recordRead("a", "v1", "2026-11-25")).toBe(true);
    expect(await service.recordRead("a", "v1", "2026-11-25")).toBe(false);
    await service.recordRead("a", "v1", "2026-11-26");
    await service.recordRead("b", "v1", "2026-11-26");
    await service.recordRead("b", "v2", "2026-11-26");
    await service.recordRead("b", "v3", "2026-11-26");
    await service.recordRead("c", "v1", "2026-11-01");
    expect(await service.mostRead("2026-11-19", 5)).toEqual([
      { slug: "b", reads: 3 },
      { slug: "a", reads: 2 },
    ]);
  });

  it("loses none of 200 concurrent posts", async () => {
    const noLimits = engagementService(db, { ...limits, minIntervalSeconds: 0, dailyLimit: 1000 }, () => clock);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => noLimits.postComment("busy", comment(`동시 댓글 ${i}`), `client-${i % 7}`)),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(new Set(results.map((r) => r.comment.id)).size).toBe(200);
    expect((await noLimits.listComments("busy", { perPage: 500 })).total).toBe(200);
  }, 60_000);

  it("lists the newest comments site-wide for 실시간 댓글", async () => {
    await service.postComment("a", comment("먼저"), "c1");
    clock += 1000;
    await service.postComment("b", comment("나중"), "c2");
    expect((await service.latestComments(5)).map((c) => [c.articleSlug, c.body])).toEqual([
      ["b", "나중"],
      ["a", "먼저"],
    ]);
  });
});
