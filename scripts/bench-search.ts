// npm run bench:search [-- --count N] — search over N synthetic articles (default 2,000, as content:generate
// writes them), side by side: the in-memory gram index (the reference), the read model's FTS5 gram index in
// an SQLite file (what the site serves by default), and the same read model synced into PostgreSQL (its
// GIN gram index). Prints build time, size and memory, and query latency p50/p99 per class.
import { performance } from "node:perf_hooks";
import { buildCatalog } from "@/lib/catalog";
import { readContent } from "@/lib/content";
import { buildSearchIndex, searchArticles } from "@/lib/search/index";
import { generateArticles } from "@/lib/synthetic";
import { readArgs } from "./lib/args";
import { parseArticle } from "@/lib/content/parse-article";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openReadModel } from "@/lib/archive/read";
import { writeReadModelFile } from "@/lib/archive";
import { PostgresArchiveReader, readModelPool, syncReadModel } from "@/lib/archive/postgres";

const QUERIES = {
  "one word (3+ chars)": ["사이언스파크", "클러스터", "연구개발", "체육회", "네트워크"],
  "one word (1-2 chars)": ["오창", "특허", "日", "KS", "INS"],
  "spacing variant": ["사이언스 파크", "미니 클러스터", "재정 자율화"],
  "several words": ["가나가와 사이언스 파크 연구", "클러스터 일본 INS", "윤현우 재정"],
  "no match": ["존재하지않는말", "zzzz"],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const count = Number(readArgs(process.argv.slice(2)).get("count") ?? 2000);
  const files = generateArticles(readContent("content").articles, count);
  const articles = files.map((file) => {
    const parsed = parseArticle(file.name, file.name.replace(/\.md$/, ""), file.text, {
      localImage: () => ({ ok: true, width: 308, height: 171 }),
    });
    if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
    return parsed.article;
  });
  const catalog = buildCatalog({ articles, banners: [] }, Date.now());

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = buildSearchIndex(catalog.articles);
  const buildMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const postings = Object.fromEntries(index.postings);
  const serialisedMb = Buffer.byteLength(JSON.stringify(postings)) / 1024 / 1024;

  console.log(`articles: ${catalog.articles.length}`);
  console.log(
    `index build: ${buildMs.toFixed(0)} ms, ${index.postings.size} grams, heap +${heapMb.toFixed(1)} MB, postings as JSON ${serialisedMb.toFixed(1)} MB`,
  );
  const runQueries = async (label: string, search: (query: string) => number | Promise<number>) => {
    console.log(label);
    for (const [kind, queries] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let total = 0;
      for (let round = 0; round < 40; round++) {
        for (const query of queries) {
          const t = performance.now();
          total += await search(query);
          times.push(performance.now() - t);
        }
      }
      times.sort((a, b) => a - b);
      const avgHits = Math.round(total / 40 / queries.length);
      console.log(
        `  ${kind.padEnd(22)} p50 ${percentile(times, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(times, 99).toFixed(2).padStart(6)} ms  (avg ${avgHits} hits, ${times.length} queries)`,
      );
    }
  };
  await runQueries("in memory (reference):", (query) => searchArticles(index, query).total);

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-search-")), "read-model.db");
  const writeStarted = performance.now();
  writeReadModelFile(file, { articles, banners: [], publisher: undefined as never });
  console.log(
    `read model written: ${(performance.now() - writeStarted).toFixed(0)} ms, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB on disk (articles, groups and search together)`,
  );
  const reader = openReadModel(file);
  const now = Date.now();
  await runQueries("read model (SQLite FTS5 grams):", async (query) => (await reader.search(query, now)).total);

  // The same read model synced into PostgreSQL (a schema of its own, dropped afterwards).
  const schema = `bench_search_${process.pid}`;
  const pool = readModelPool(process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test", schema);
  await pool.query(`CREATE SCHEMA ${schema}`);
  try {
    const syncStarted = performance.now();
    await syncReadModel(pool, reader.db);
    const size = (await pool.query("SELECT pg_total_relation_size('archive_search') AS bytes")).rows[0].bytes as number;
    console.log(
      `PostgreSQL sync: ${(performance.now() - syncStarted).toFixed(0)} ms; search table with its GIN index ${(size / 1024 / 1024).toFixed(1)} MB`,
    );
    const postgres = new PostgresArchiveReader(pool);
    await runQueries("read model (PostgreSQL GIN grams):", async (query) => (await postgres.search(query, now)).total);
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

void main();
