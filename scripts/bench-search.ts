// npm run bench:search [-- --count N] [-- --generated Q] [-- --korean K] [-- --engine sqlite|postgres] [-- --schema S] [-- --keep K] — search over N synthetic articles
// (default 2,000; 3 means the three real articles), on the read model's SQLite file (what the site serves
// by default) and the same read model synced into PostgreSQL, beside the in-memory index (the reference,
// up to 20,000 articles). Per engine: latency p50 / p99 / max for the hand-picked classes and for Q
// generated queries (default 300) of one to ten words drawn from the archive's own vocabulary, in each
// of which the worst five are printed; the event loop's delay (perf_hooks.monitorEventLoopDelay) while
// the queries run; and a reader's article lookups, every 2 ms beside the searches, against the same
// lookups idle (the stall a page would see). Every search is what readers get (lib/search/understand.ts:
// as typed, or what it meant), with K (default 50) generated queries of each way Korean readers type
// (particles, 초성, 한/영 자판, typos, words being typed, 4–10 common words). `--keep K` adds the K slowest generated queries to the
// regression cases of tests/unit/search-budget.test.ts. The read model of N articles is written once
// into the system's temporary folder and reused. Not part of CI.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { writeReadModelFile } from "@/lib/archive";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { readModelPool } from "@/lib/archive/postgres/connection";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { openReadModel } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { READ_MODEL_VERSION } from "@/lib/archive/write";
import { READ_MODEL_FILE } from "@/lib/archive";
import { SearchThreads } from "@/lib/archive/search-threads";
import { SNAPSHOT_DIR_ENV } from "@/lib/content/build-snapshot";
import { SEARCH_GATE } from "@/lib/http/client-limits";
import { searchThreadCode } from "@/server/thread-code";
import { buildCatalog } from "@/scripts/lib/catalog";
import { readContent } from "@/lib/content";
import { parseArticle } from "@/lib/content/parse-article";
import { sortIntoContentOrder } from "@/lib/content/order";
import type { Article } from "@/lib/content/schema";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { generateArticles } from "@/scripts/lib/synthetic";
import { convertHangulToQwerty } from "es-hangul";
import { initialsOf, PARTICLES } from "@/lib/search/hangul";
import type { SearchFilter } from "@/lib/search/filters";
import { understandSearch } from "@/lib/search/understand";
import { Vocabulary } from "@/lib/search/vocabulary";
import { readArgs } from "./lib/args";
import { generatedQueries, headingWords, koreanQueries } from "./lib/generated-queries";

const CLASSES = {
  "one word (3+ chars)": ["사이언스파크", "클러스터", "연구개발", "체육회", "네트워크"],
  "one word (1-2 chars)": ["오창", "특허", "日", "KS", "INS"],
  "spacing variant": ["사이언스 파크", "미니 클러스터", "재정 자율화"],
  "several words": ["가나가와 사이언스 파크 연구", "클러스터 일본 INS", "윤현우 재정"],
  "three words, few matches": ["가나가와 사이언스 파크", "혁신 클러스터 지역", "일본 과학단지 창업 지원"],
  "no match": ["존재하지않는말", "zzzz"],
};
const CASES_FILE = path.join(import.meta.dirname, "..", "tests", "unit", "search-budget.cases.json");

const args = readArgs(process.argv.slice(2));
const count = Number(args.get("count") ?? 2000);
const generatedCount = Number(args.get("generated") ?? 300);
const keep = Number(args.get("keep") ?? 0);

/** Nearest rank. */
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((values.length * p) / 100) - 1)] ?? 0;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

/** Queries of one to ten words of the archive's text (of its newest 500 articles: the vocabulary is theirs). */
const queriesOf = (articles: Article[], howMany: number) =>
  generatedQueries(
    articles.slice(0, 500).map((article) => `${article.title} ${article.plainText}`),
    howMany,
  );

function archiveArticles(): Article[] {
  const content = readContent("content");
  if (count <= content.articles.length) return content.articles.slice(0, count);
  // In content order, as readContent gives them: the read model numbers them so (lib/content/order.ts).
  return sortIntoContentOrder(
    generateArticles(content.articles, count).map((file) => {
      const parsed = parseArticle(file.name, file.name.replace(/\.md$/, ""), file.text, {
        localImage: () => ({ ok: true, width: 308, height: 171 }),
      });
      if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
      return parsed.article;
    }),
  );
}

/** The read model of the archive, written once per size and read-model version. */
function readModelFile(): string {
  const file = path.join(os.tmpdir(), `bench-search-${count}-v${READ_MODEL_VERSION}.db`);
  if (!fs.existsSync(file)) {
    const started = performance.now();
    writeReadModelFile(file, { articles: archiveArticles(), banners: [], publisher: undefined as never });
    console.log(
      `read model written: ${((performance.now() - started) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB`,
    );
  }
  return file;
}

type Timed = { query: string; ms: number };

/** Every query once, timed, in order. */
async function timeQueries(search: (query: string) => Promise<unknown>, queries: string[]): Promise<Timed[]> {
  const timed: Timed[] = [];
  for (const query of queries) {
    const started = performance.now();
    await search(query);
    timed.push({ query, ms: performance.now() - started });
  }
  return timed;
}

/** A reader's article lookups every 2 ms until `done`, each timed from when it was due. */
async function readerBeside(reader: ArchiveReader, slugs: string[], now: number, done: () => boolean): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; !done(); i++) {
    const due = performance.now() + 2;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await reader.article(slugs[i % slugs.length]!, now);
    waits.push(performance.now() - due);
  }
  return waits;
}

/** Queries of each way Korean readers type, made once from the archive (koreanQueries). */
let korean: Record<string, string[]> = {};

/** How a server asks its searches: in this thread, or of search threads (SQLite's, lib/archive/search-threads.ts). */
type Ask = (query: string, now: number, offset: number, limit: number, filter?: SearchFilter) => Promise<unknown>;

async function benchEngine(
  name: string,
  reader: ArchiveReader,
  slugs: string[],
  generated: string[],
  ask: Ask = (...question) => understandSearch(reader, ...question),
): Promise<Timed[]> {
  const now = Date.now();
  // What readers get: the query as typed, or what it meant (lib/search/understand.ts).
  const search = (query: string) => ask(query, now, 0, 10);
  // Search-as-you-type asks for five.
  const asYouType = (query: string) => ask(query, now, 0, 5);
  console.log(`\n${name}`);
  const started = performance.now();
  const vocabularyText = await reader.vocabulary();
  const vocabulary = new Vocabulary(vocabularyText);
  console.log(
    `  vocabulary: ${vocabulary.size} words, ${(Buffer.byteLength(vocabularyText) / 2 ** 20).toFixed(1)} MB, read and parsed in ${ms(performance.now() - started)} (once per process, at start)`,
  );
  // Warm the statements and the page cache first: the first query of each class is not what readers see.
  for (const queries of Object.values(CLASSES)) await timeQueries(search, queries);
  for (const queries of Object.values(korean)) await timeQueries(search, queries.slice(0, 3));
  let idleDone = false;
  const idleReader = readerBeside(reader, slugs, now, () => idleDone);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  idleDone = true;
  const idle = await idleReader;

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let searching = true;
  const besides = readerBeside(reader, slugs, now, () => !searching);
  for (const [kind, queries] of Object.entries(CLASSES)) {
    const times = (await timeQueries(search, Array.from({ length: 20 }, () => queries).flat())).map((t) => t.ms);
    console.log(
      `  ${kind.padEnd(26)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}`,
    );
  }
  for (const [kind, queries] of Object.entries(korean)) {
    const timed = await timeQueries(search, queries);
    const times = timed.map((t) => t.ms);
    const worst = [...timed].sort((a, b) => b.ms - a.ms)[0]!;
    console.log(
      `  ${kind.padEnd(26)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}  worst: ${worst.query.slice(0, 40)}`,
    );
  }
  // Sorted and filtered (lib/search/filters.ts): words of every length, by date both ways, and a period
  // with a section by relevance.
  const newestTime = Date.parse((await reader.newest(now, 1))[0]!.date);
  const filters: Record<string, SearchFilter> = {
    최신순: { sort: "newest" },
    오래된순: { sort: "oldest" },
    "기간 + 분야, 정확도순": {
      sort: "relevance",
      since: newestTime - 3 * 365 * 86_400_000,
      until: newestTime,
      section: "economy",
    },
    "기간, 최신순": { sort: "newest", since: newestTime - 365 * 86_400_000, until: newestTime },
  };
  const filteredQueries = [...CLASSES["one word (3+ chars)"], ...CLASSES["one word (1-2 chars)"], ...generated.slice(0, 20)];
  for (const [kind, filter] of Object.entries(filters)) {
    const timed = await timeQueries((query) => ask(query, now, 0, 10, filter), filteredQueries);
    const times = timed.map((t) => t.ms);
    const worst = [...timed].sort((a, b) => b.ms - a.ms)[0]!;
    console.log(
      `  ${kind.padEnd(26)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}  worst: ${worst.query.slice(0, 40)}`,
    );
  }
  for (const kind of ["초성", "typing (prefix, composing)"]) {
    const times = (await timeQueries(asYouType, korean[kind]!)).map((t) => t.ms);
    console.log(
      `  ${`as you type (5): ${kind}`.padEnd(26)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}`,
    );
  }
  const timed = await timeQueries(search, generated);
  searching = false;
  const busy = await besides;
  delay.disable();
  const times = timed.map((t) => t.ms);
  console.log(
    `  ${`generated, 1–10 words`.padEnd(26)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}  (${generated.length} queries)`,
  );
  for (const { query, ms: took } of [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5))
    console.log(`    worst: ${ms(took)}  ${query.slice(0, 70)}`);
  const loopP99 = delay.percentile(99) / 1e6;
  const loopMax = delay.max / 1e6;
  console.log(
    `  event-loop delay while searching: p50 ${ms(delay.percentile(50) / 1e6)}  p99 ${ms(loopP99)}  max ${ms(loopMax)}`,
  );
  const idleP99 = percentile(idle, 99);
  const busyP99 = percentile(busy, 99);
  console.log(
    `  a reader's article lookup, late by: idle p50 ${ms(percentile(idle, 50))} p99 ${ms(idleP99)}; beside the searches p50 ${ms(percentile(busy, 50))} p99 ${ms(busyP99)} (${(busyP99 / Math.max(idleP99, 0.1)).toFixed(1)}× idle)`,
  );
  return timed;
}

async function main() {
  console.log(`${count} articles; ${os.cpus().length} cores; Node ${process.version}`);
  const file = readModelFile();
  if (count <= 20_000) {
    const articles = archiveArticles();
    const index = buildSearchIndex(buildCatalog({ articles, banners: [] }, Date.now()).articles);
    const generated = queriesOf(articles, generatedCount);
    const times = (await timeQueries(async (query) => searchArticles(index, query), generated)).map((t) => t.ms);
    console.log(
      `\nin memory (the reference, every match scored): generated p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(Math.max(...times))}`,
    );
  }
  // The articles are not held while the engines are timed: 100,000 of them in the heap made the
  // benchmark's own collections stall its event loop for 300 ms, which is not the server's to answer for.
  global.gc?.();
  const sqlite = openReadModel(file);
  const newest = await sqlite.newestWhole(Date.now(), 500);
  const slugs = newest.slice(0, 200).map((article) => article.slug);
  const generated = queriesOf(newest, generatedCount);
  korean = koreanQueries(
    headingWords(newest),
    new Vocabulary(await sqlite.vocabulary()).mostUsed(300),
    PARTICLES,
    convertHangulToQwerty,
    initialsOf,
    Number(args.get("korean") ?? 50),
  );
  const worst: Timed[] = [];
  if (args.get("engine") !== "postgres") {
    // As the production server asks SQLite: of a search thread (one, on two cores), its statements off the
    // thread that serves pages; the reader's lookups beside it are this thread's.
    const threadDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-search-thread-"));
    fs.symlinkSync(file, path.join(threadDir, READ_MODEL_FILE));
    process.env[SNAPSHOT_DIR_ENV] = threadDir;
    const threads = new SearchThreads(
      searchThreadCode(),
      Math.max(1, Math.min(SEARCH_GATE.running, os.availableParallelism() - 1)),
    );
    // The threads do not keep a process alive (a stopping server's searches must not): this run does.
    const running = setInterval(() => undefined, 1000);
    try {
      const ask: Ask = (...question) => threads.search(...question);
      worst.push(
        ...(await benchEngine(
          `read model (SQLite FTS5 grams, ${threads.threadIds.length} search thread(s))`,
          sqlite,
          slugs,
          generated,
          ask,
        )),
      );
    } finally {
      clearInterval(running);
      await threads.close();
      fs.rmSync(threadDir, { recursive: true, force: true });
    }
  }
  if (args.get("engine") === "sqlite") return;
  // The same read model synced into PostgreSQL: a schema of its own, dropped afterwards; or, with
  // `--schema NAME`, one kept between runs (synced when it does not exist yet: ~10 minutes at 100,000).
  const kept = args.get("schema");
  const schema = kept ?? `bench_search_${process.pid}`;
  const pool = readModelPool(process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test", schema);
  const exists = kept ? (await pool.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount === 1 : false;
  try {
    if (!exists) {
      await pool.query(`CREATE SCHEMA ${schema}`);
      const started = performance.now();
      await syncReadModel(pool, sqlite.db);
      console.log(`\nPostgreSQL sync: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    worst.push(...(await benchEngine("read model (PostgreSQL GIN grams)", new PostgresArchiveReader(pool), slugs, generated)));
  } finally {
    if (!kept) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }

  if (keep > 0) {
    const cases = JSON.parse(fs.readFileSync(CASES_FILE, "utf8")) as { about: string; queries: string[] };
    const slowest = [...worst].sort((a, b) => b.ms - a.ms).map((t) => t.query);
    cases.queries = [...new Set([...cases.queries, ...slowest.slice(0, keep)])];
    fs.writeFileSync(CASES_FILE, `${JSON.stringify(cases, null, 2)}\n`);
    console.log(`\nkept the ${keep} slowest generated queries in ${path.relative(process.cwd(), CASES_FILE)}`);
  }
}

void main();
