// npm run bench:search — builds the search index over N synthetic articles (default 2,000, as content:generate
// writes them) and prints index build time, memory and serialised size, and query latency p50/p99.
import { performance } from "node:perf_hooks";
import { buildCatalog } from "@/lib/catalog";
import { readContent } from "@/lib/content";
import { buildSearchIndex, searchArticles } from "@/lib/search/index";
import { generateArticles } from "@/lib/synthetic";
import { readArgs } from "./lib/args";
import { parseArticle } from "@/lib/content/parse-article";

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

function main() {
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
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let total = 0;
    for (let round = 0; round < 40; round++) {
      for (const query of queries) {
        const t = performance.now();
        total += searchArticles(index, query).total;
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    const avgHits = Math.round(total / 40 / queries.length);
    console.log(
      `${kind.padEnd(22)} p50 ${percentile(times, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(times, 99).toFixed(2).padStart(6)} ms  (avg ${avgHits} hits, ${times.length} queries)`,
    );
  }
}

main();
