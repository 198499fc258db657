import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { readContent } from "@/lib/content";
import { article, writeContent } from "./fixtures/write-content";

function git(cwd: string, args: string[], date?: string) {
  const env = { ...process.env, GIT_AUTHOR_NAME: "편집자", GIT_AUTHOR_EMAIL: "desk@example.kr", GIT_COMMITTER_NAME: "편집자", GIT_COMMITTER_EMAIL: "desk@example.kr" };
  const result = spawnSync("git", args, { cwd, env: date ? { ...env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } : env, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

it("uses the file's last git commit as dateModified when `updated` is missing, and `updated` when given", () => {
  const dir = writeContent({
    "articles/no-updated.md": article(),
    "articles/with-updated.md": article({ updated: '"2013-08-04 00:44:01"' }),
  });
  git(dir, ["init", "-q"]);
  git(dir, ["add", "."]);
  git(dir, ["commit", "-qm", "first"], "2020-01-01T00:00:00Z");
  git(dir, ["commit", "-q", "--allow-empty", "-m", "unrelated"], "2021-01-01T00:00:00Z");
  const articles = new Map(readContent(dir).articles.map((a) => [a.slug, a]));
  expect(articles.get("no-updated")?.lastModified).toBe("2020-01-01T09:00:00+09:00");
  expect(articles.get("with-updated")?.lastModified).toBe("2013-08-04T00:44:01+09:00");
});

it("falls back to the publication date outside a git checkout", () => {
  const [only] = readContent(writeContent({ "articles/plain.md": article() })).articles;
  expect(only?.lastModified).toBe("2008-11-09T19:59:40+09:00");
});
