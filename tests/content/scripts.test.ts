// The editors' scripts: content:new scaffolds a valid draft; content:generate writes valid, repeatable articles.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/scripts/lib/catalog";
import { readContent } from "@/lib/content";
import { kstToday } from "@/lib/dates";
import { writeContent } from "./fixtures/write-content";

function npmRun(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run content:new", () => {
  it("scaffolds a draft dated today in Korean time that passes validation", () => {
    const dir = writeContent({});
    const result = npmRun("content:new", ["--slug", "new-story", "--title", "새 기사", "--section", "culture"], { CONTENT_DIR: dir });
    expect(result.status, result.output).toBe(0);
    const [created] = readContent(dir).articles;
    expect(created).toMatchObject({ slug: "new-story", title: "새 기사", section: "culture", draft: true });
    expect(created?.date.slice(0, 10)).toBe(kstToday(new Date()));
    expect(created?.html).not.toContain("안내문");
  });

  it("its template text cannot be published: removing draft alone stops the check, naming each placeholder", () => {
    const dir = writeContent({});
    expect(npmRun("content:new", ["--slug", "half-done"], { CONTENT_DIR: dir }).status).toBe(0);
    const file = path.join(dir, "articles", "half-done.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("draft: true\n", ""));
    const check = npmRun("content:check", [], { CONTENT_DIR: dir });
    expect(check.status).toBe(1);
    for (const field of ["title", "summary", "authors.0.name", "body"])
      expect(check.output).toMatch(new RegExp(`articles/half-done\\.md(:\\d+)?: field "${field.replace(".", "\\.")}" still holds the template text`));
  });

  it("refuses to overwrite an existing article", () => {
    const dir = writeContent({});
    npmRun("content:new", ["--slug", "twice"], { CONTENT_DIR: dir });
    const second = npmRun("content:new", ["--slug", "twice"], { CONTENT_DIR: dir });
    expect(second.status).not.toBe(0);
    expect(second.output).toContain("already exists");
  });
});

describe("npm run content:generate", () => {
  it("writes the same valid synthetic articles every time, never into content/", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synthetic-"));
    expect(npmRun("content:generate", ["--count", "30", "--out", out]).status).toBe(0);
    const first = fs.readFileSync(path.join(out, "articles", "synthetic-00017.md"), "utf8");
    expect(npmRun("content:generate", ["--count", "30", "--out", out]).status).toBe(0);
    expect(fs.readFileSync(path.join(out, "articles", "synthetic-00017.md"), "utf8")).toBe(first);
    const content = readContent(out);
    expect(content.articles).toHaveLength(30);
    expect(buildCatalog(content, Date.now()).articles).toHaveLength(30);

    const refused = npmRun("content:generate", ["--count", "3", "--out", "content/synthetic"]);
    expect(refused.status).not.toBe(0);
    expect(fs.existsSync("content/synthetic")).toBe(false);
  });
});
