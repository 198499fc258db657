// The server's search threads (lib/archive/search-threads.ts): the production server answers every search
// there, so a search's synchronous statements never hold the thread serving pages (issue 28). They must
// answer exactly what the asking thread would (the same rewrites, hits, totals and notes, for generated
// queries of every class readers type), and a thread that dies must fail only the searches it held.
import { sortIntoContentOrder } from "@/lib/content/order";
import type { Worker } from "node:worker_threads";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { convertHangulToQwerty } from "es-hangul";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { READ_MODEL_FILE, writeReadModelFile } from "@/lib/archive";
import { openReadModel } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { loadContent } from "@/lib/content";
import { SNAPSHOT_DIR_ENV } from "@/lib/content/build-snapshot";
import { initialsOf, PARTICLES } from "@/lib/search/hangul";
import { SearchThreads } from "@/lib/archive/search-threads";
import { understandSearch } from "@/lib/search/understand";
import type { SearchFilter } from "@/lib/search/filters";
import { generatedQueries, headingWords, koreanQueries } from "../../scripts/lib/generated-queries";
import { searchThreadCode } from "../../server/thread-code";
import { syntheticArchive } from "./fixtures";

const NOW = Date.now();
const ARTICLES = sortIntoContentOrder([...loadContent().articles, ...syntheticArchive(120)]);
const CONTENT = {
  articles: ARTICLES,
  banners: [],
  publisher: undefined as never,
  abbreviations: loadContent().abbreviations ?? {},
};

describe("search threads", () => {
  let dir: string;
  let previous: string | undefined;
  let threads: SearchThreads;
  let reader: ArchiveReader;
  const code = searchThreadCode();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "search-threads-"));
    writeReadModelFile(path.join(dir, READ_MODEL_FILE), CONTENT);
    previous = process.env[SNAPSHOT_DIR_ENV];
    // What the server's threads open: the read model of the build it serves (the env it starts with).
    process.env[SNAPSHOT_DIR_ENV] = dir;
    threads = new SearchThreads(code, 2);
    reader = openReadModel(path.join(dir, READ_MODEL_FILE));
  }, 120_000);

  afterAll(async () => {
    await threads?.close();
    if (previous === undefined) delete process.env[SNAPSHOT_DIR_ENV];
    else process.env[SNAPSHOT_DIR_ENV] = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("run in threads other than the asking one", () => {
    expect(threads.threadIds).toHaveLength(2);
    for (const id of threads.threadIds) expect(id).not.toBe(threadId);
  });

  it("answer generated queries of every class exactly as the asking thread would", async () => {
    const headings = headingWords(ARTICLES);
    const common = generatedQueries(
      ARTICLES.map((a) => a.plainText),
      60,
      7,
    ).flatMap((q) => q.split(" "));
    const classes = koreanQueries(headings, common, PARTICLES, convertHangulToQwerty, initialsOf, 6);
    const queries = [
      ...Object.values(classes).flat(),
      ...generatedQueries(
        ARTICLES.map((a) => a.plainText),
        20,
        11,
      ),
      "",
      "   ",
      '"가나가와" 日',
    ];
    const filters: (SearchFilter | undefined)[] = [
      undefined,
      { sort: "newest" },
      { sort: "relevance", since: NOW - 400 * 86_400_000 * 20 },
    ];
    let checked = 0;
    for (const [i, query] of queries.entries()) {
      const filter = filters[i % filters.length];
      const [inThread, here] = await Promise.all([
        threads.search(query, NOW, 0, 10, filter),
        understandSearch(reader, query, NOW, 0, 10, filter),
      ]);
      expect({ query, answer: inThread }).toEqual({ query, answer: here });
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  }, 120_000);

  it("answer searches asked at once, each its own", async () => {
    const queries = ["가나가와", "사이언스파크", "ㄱㄴㄱㅇ", "rkskrkdhk", "클러스터 창업", "없는낱말"];
    const answers = await Promise.all(queries.map((q) => threads.search(q, NOW, 0, 5)));
    const expected = await Promise.all(queries.map((q) => understandSearch(reader, q, NOW, 0, 5)));
    expect(answers).toEqual(expected);
  }, 60_000);

  it("fail only the searches a dying thread held, and answer the next ones", async () => {
    const own = new SearchThreads(code, 1);
    try {
      await own.search("가나가와", NOW, 0, 5);
      const { worker } = (own as unknown as { threads: { worker: Worker }[] }).threads[0]!;
      // The thread dies with the search in it (an out-of-memory kill, a crash in a native module). A search
      // of a small archive can be answered before terminate() stops the thread, so its answer is not read:
      // the search is held when the thread dies, every time.
      worker.removeAllListeners("message");
      const held = own.search("가나가와 사이언스파크", NOW, 0, 5);
      await worker.terminate();
      await expect(held).rejects.toThrow(/search thread failed: search thread exited/);
      // Started again (after a second, as it died young): searches are answered, not refused for good.
      const after = await vi.waitFor(() => own.search("가나가와", NOW, 0, 5), { timeout: 10_000, interval: 200 });
      expect(after.total).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  }, 60_000);

  it("answer every search with a clear error, without hanging, when the read model cannot be opened", async () => {
    const missing = fs.mkdtempSync(path.join(os.tmpdir(), "search-threads-missing-"));
    fs.writeFileSync(path.join(missing, READ_MODEL_FILE), "this is not a database");
    process.env[SNAPSHOT_DIR_ENV] = missing;
    const broken = new SearchThreads(code, 1);
    process.env[SNAPSHOT_DIR_ENV] = dir;
    try {
      await expect(broken.search("가나가와", NOW, 0, 5)).rejects.toThrow(/search thread/);
      await expect(broken.search("사이언스파크", NOW, 0, 5)).rejects.toThrow(/search thread/);
    } finally {
      await broken.close();
      fs.rmSync(missing, { recursive: true, force: true });
    }
  }, 60_000);
});
