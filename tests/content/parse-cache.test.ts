// The parse cache: a file whose bytes, commit time, images and parsing code are unchanged is not parsed
// again, and what comes out is exactly what a fresh parse gives.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { createHash } from "node:crypto";
import { readContent } from "@/lib/content";
import { articleDigest } from "@/lib/content/digest";
import { ContentError } from "@/lib/content/problems";
import { article, writeContent } from "./fixtures/write-content";

/** The files a read parsed rather than took from the cache. */
function parsedBy(dir: string): string[] {
  const parsed: string[] = [];
  try {
    readContent(dir, { onParsed: (file) => parsed.push(file) });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
  }
  return parsed.sort();
}

/** Files the folder's cache holds entries for, and files it holds article texts for. */
function cachedFiles(dir: string): { entries: string[]; texts: string[] } {
  const db = new SQLite(path.join(dir, ".cache", "parsed.db"), { readonly: true });
  const files = (table: string) => (db.prepare(`SELECT file FROM ${table} ORDER BY file`).all() as { file: string }[]).map((r) => r.file);
  const cached = { entries: files("entries"), texts: files("texts") };
  db.close();
  return cached;
}

const problemsOf = (dir: string) => {
  try {
    readContent(dir);
    return [];
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
};

describe("the parse cache", () => {
  it("is not trusted in a copy of the folder, whose absolute paths differ", () => {
    const dir = writeContent({ "articles/a.md": article() });
    readContent(dir);
    const copy = `${dir}-copy`;
    fs.cpSync(dir, copy, { recursive: true });
    expect(parsedBy(copy)).toEqual(["articles/a.md"]);
    expect(parsedBy(copy)).toEqual([]);
  });

  it("gives what a fresh parse gives, and parses only the file that changed", () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`articles/story-${i}.md`, article({ title: `기사 ${i}`, tags: "[오창]" }, `본문 ${i}.\n`)]),
    );
    const dir = writeContent(files);
    expect(parsedBy(dir)).toHaveLength(12);
    const fresh = readContent(dir);
    expect(parsedBy(dir)).toEqual([]);
    fs.rmSync(path.join(dir, ".cache"), { recursive: true });
    expect(readContent(dir)).toEqual(fresh);
    // Texts read lazily from the cache made again, not from the one deleted.
    expect(readContent(dir)).toEqual(JSON.parse(JSON.stringify(fresh)));

    fs.writeFileSync(path.join(dir, "articles/story-3.md"), article({ title: "고친 기사 3" }, "고친 본문.\n"));
    expect(parsedBy(dir)).toEqual(["articles/story-3.md"]);
    expect(readContent(dir).articles.find((a) => a.slug === "story-3")?.title).toBe("고친 기사 3");
  });

  it("gives each cached article as a fresh parse serializes it, field order and digest included", () => {
    const dir = writeContent({
      "articles/a.md": article({ title: "가", tags: "[오창, 청주]", summary: "요약" }, "첫 문단.\n\n## 소제목\n\n*강조* 문단.\n"),
    });
    const fresh = JSON.stringify(readContent(dir).articles[0]);
    expect(parsedBy(dir)).toEqual([]);
    const cached = readContent(dir).articles[0]!;
    // Read models compare digests, so a cached article must serialize byte for byte as the parse did.
    expect(JSON.stringify(cached)).toBe(fresh);
    expect(articleDigest(cached)).toBe(createHash("sha256").update(fresh).digest("base64url"));
    expect({ ...cached }).toEqual(JSON.parse(fresh));
  });

  it("reads a cached article's texts only when they are read, and says so when another run replaced them", () => {
    const dir = writeContent({ "articles/a.md": article({ title: "가" }, "옛 본문.\n"), "articles/b.md": article({ title: "나" }, "나 본문.\n") });
    readContent(dir);
    const cached = readContent(dir).articles;
    const a = cached.find((x) => x.slug === "a")!;
    const b = cached.find((x) => x.slug === "b")!;
    expect(b.plainText).toBe("나 본문.");
    // Another run parses a changed a.md before this run read a's texts: what it would read is gone.
    fs.writeFileSync(path.join(dir, "articles/a.md"), article({ title: "가" }, "새 본문.\n"));
    expect(readContent(dir).articles.find((x) => x.slug === "a")!.plainText).toBe("새 본문.");
    expect(a.title).toBe("가");
    expect(() => a.html).toThrow("articles/a.md changed while it was being read. Run again.");
    expect(b.html).toContain("나 본문.");
  });

  it("forgets a deleted file, and reports a broken one every time, not once", () => {
    const dir = writeContent({ "articles/a.md": article(), "articles/b.md": article(), "articles/bad.md": article({ date: '"2008-02-30"' }) });
    expect(problemsOf(dir)).toHaveLength(1);
    expect(parsedBy(dir)).toEqual([]);
    expect(problemsOf(dir)).toHaveLength(1);
    fs.rmSync(path.join(dir, "articles/b.md"));
    expect(problemsOf(dir)).toHaveLength(1);
    expect(cachedFiles(dir)).toEqual({ entries: ["articles/a.md", "articles/bad.md"], texts: ["articles/a.md"] });
  });

  it("parses again when an image the article names appears, changes or goes", () => {
    const dir = writeContent({ "articles/img.md": article({}, "![자리표시](/images/x.svg)\n") });
    const svg = path.resolve("public/images/x.svg");
    expect(problemsOf(dir)).toHaveLength(1); // missing
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>');
    try {
      expect(problemsOf(dir)).toHaveLength(0);
      expect(parsedBy(dir)).toEqual([]);
      expect(readContent(dir).articles[0]!.images[0]).toMatchObject({ width: 40, height: 30 });
      fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60"/>');
      expect(readContent(dir).articles[0]!.images[0]).toMatchObject({ width: 80, height: 60 });
    } finally {
      fs.rmSync(svg);
    }
    expect(problemsOf(dir)).toHaveLength(1);
  });
});

describe("files whose metadata is unchanged", () => {
  /** The article files a read opened for their bytes. */
  function readBy(dir: string): string[] {
    const spy = vi.spyOn(fs, "readFileSync");
    try {
      readContent(dir);
      return spy.mock.calls
        .map(([file]) => String(file))
        .filter((file) => file.endsWith(".md"))
        .map((file) => path.relative(dir, file))
        .sort();
    } finally {
      spy.mockRestore();
    }
  }
  // A file is only trusted by its metadata once it has settled (2 s after its last write).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));

  it("are not read again once settled, and anything written is", async () => {
    const dir = writeContent({ "articles/a.md": article({ title: "가" }), "articles/b.md": article({ title: "나" }) });
    const fresh = readContent(dir);
    // Too fresh to trust by metadata: read again, still not parsed again.
    expect(readBy(dir)).toEqual(["articles/a.md", "articles/b.md"]);
    await settle();
    expect(readBy(dir)).toEqual(["articles/a.md", "articles/b.md"]);
    expect(readBy(dir)).toEqual([]);
    expect(readContent(dir)).toEqual(fresh);
    fs.writeFileSync(path.join(dir, "articles/b.md"), article({ title: "다" }));
    expect(readBy(dir)).toEqual(["articles/b.md"]);
    expect(readContent(dir).articles.map((a) => a.title).sort()).toEqual(["가", "다"]);
  }, 10_000);

  it("are read again after a rewrite of the same size whose modification time was set back", async () => {
    const dir = writeContent({ "articles/a.md": article({ title: "가나" }) });
    const file = path.join(dir, "articles/a.md");
    readContent(dir);
    await settle();
    readContent(dir);
    expect(readBy(dir)).toEqual([]);
    const before = fs.statSync(file, { bigint: true });
    // `touch -r` sets the times to the nanosecond, as a tool restoring them would (utimes from JS rounds).
    execFileSync("cp", ["-p", file, `${file}.times`]);
    fs.writeFileSync(file, article({ title: "다라" }));
    execFileSync("touch", ["-r", `${file}.times`, file]);
    fs.rmSync(`${file}.times`);
    const after = fs.statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(readContent(dir).articles[0]!.title).toBe("다라");
  }, 10_000);

  it("are read again when the parsing context changes: a copy of the folder", async () => {
    const dir = writeContent({ "articles/a.md": article() });
    readContent(dir);
    await settle();
    readContent(dir);
    const copy = `${dir}-copy2`;
    fs.cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
    expect(parsedBy(copy)).toEqual(["articles/a.md"]);
  }, 10_000);
});

it("parses everything again in the other language of editors' messages, and not otherwise", async () => {
  const dir = writeContent({ "articles/bad.md": article({ date: '"2008-02-30"' }) });
  expect(problemsOf(dir)[0]!.message).toContain("is not a real date");
  const { vi } = await import("vitest");
  vi.stubEnv("CONTENT_MESSAGES", "ko");
  vi.resetModules();
  const korean = await import("@/lib/content");
  const parsed: string[] = [];
  expect(() => korean.readContent(dir, { onParsed: (f) => parsed.push(f) })).toThrow(/있을 수 없는 날짜/);
  expect(parsed).toEqual(["articles/bad.md"]);
  vi.unstubAllEnvs();
  vi.resetModules();
});
