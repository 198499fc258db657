// @vitest-environment jsdom
// Readers' text sits in boxes that clip: whatever a validation rule misses cannot paint over the page.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { CommentItem } from "@/components/comments/comment-item";
import { LiveCommentsSlot } from "@/components/sidebar/live-comments-slot";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
afterEach(cleanup);

const marks = "Z" + "\u0301".repeat(400);

it("a comment and each 실시간 댓글 entry are clipping boxes", () => {
  render(
    <CommentItem
      slug="a"
      comment={{ id: 1, nickname: marks, body: marks, createdAt: "2026-11-25T00:00:00.000Z", parentId: null, replies: [] }}
    />,
  );
  expect(screen.getByRole("article").className).toContain("reader-box");
  cleanup();
  render(
    <LiveCommentsSlot
      comments={[{ id: 2, nickname: marks, firstLine: marks, articleSlug: "a", articleTitle: "기사", ago: "방금" }]}
    />,
  );
  for (const item of screen.getAllByRole("listitem")) expect(item.className).toContain("reader-box");
});
