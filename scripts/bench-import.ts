// npm run bench:import [-- --count 100000] [-- --comments 3] [-- --build] [-- --keep] [-- --export FILE]
// — a generated WordPress export of
// N Korean posts (bodies recombined from the real articles' paragraphs, block-editor and classic HTML,
// captions, embeds, 정치…오피니언 categories and one unknown, Hangul slugs, every status) with about
// `comments` approved comments per post in threads, imported into a fresh content folder and SQLite
// comments store by `npm run content:import` (its own process). Prints the export's size, the import's
// time and peak resident memory (the process, sampled every 250 ms), the counts, then imports again
// (nothing should change) and times `content:check` on the result (and with --build, `npm run build`).
// `--export FILE` only writes the export there (to import it by hand). Not part of CI. Targets (issue 31):
// 100,000 posts and 300,000 comments (about 1 GB) in ≤ 10 minutes, ≤ 300 MB.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadContent } from "@/lib/content";
import { readArgs } from "./lib/args";
import { machineLine } from "./lib/build-timing";
import { buildSite } from "./lib/next-server";
import { random } from "./lib/generated-queries";
import { wxrHead, wxrItem, wxrTail, type WxrPostSpec } from "./lib/wxr-export";

const FLAGS = new Set(["--build", "--keep"]);
const args = readArgs(process.argv.slice(2).filter((arg) => !FLAGS.has(arg)));
const count = Number(args.get("count") ?? 100_000);
const commentsPerPost = Number(args.get("comments") ?? 3);
const keep = process.argv.includes("--keep");
const build = process.argv.includes("--build");
const SITE = "https://news.example.kr";
const CATEGORIES = [
  ["politics", "정치"],
  ["economy", "경제"],
  ["society", "사회"],
  ["culture", "문화"],
  ["sports", "스포츠"],
  ["opinion", "오피니언"],
  ["region", "지역"],
].map(([nicename, name]) => ({ nicename: nicename!, name: name! }));

/** Writes the export to `file`, streaming; resolves to its size in bytes and the comments written. */
async function writeExport(file: string): Promise<{ bytes: number; comments: number }> {
  const sources = loadContent(path.resolve("content")).articles;
  const paragraphs = sources.flatMap((a) => a.plainText.split("\n")).filter((p) => p.length > 40);
  const words = [...new Set(sources.flatMap((a) => a.title.split(/[\s,·'"-]+/)).filter((w) => /^[\uac00-\ud7a3]{2,}$/.test(w)))];
  const tags = [...new Set(sources.flatMap((a) => a.tags))];
  const next = random(31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(
    wxrHead(
      SITE,
      Array.from({ length: 40 }, (_, i) => ({ login: `reporter${i}`, displayName: `시험기자${i + 1}` })),
    ),
  );
  const start = Date.parse("2008-01-01T00:00:00Z");
  let commentId = 0;
  let comments = 0;
  for (let id = 1; id <= count; id++) {
    const title = `${Array.from({ length: 3 + Math.floor(next() * 4) }, () => pick(words)).join(" ")} ${id}`;
    const date = new Date(start + Math.floor(next() * 18 * 365 * 86_400_000)).toISOString().slice(0, 19).replace("T", " ");
    const block = next() < 0.5;
    const body = Array.from({ length: 9 + Math.floor(next() * 14) }, (_, n) => {
      const text = pick(paragraphs);
      if (n === 2 && next() < 0.3)
        return `[caption id="attachment_${id}" align="aligncenter" width="640"]<img src="${SITE}/wp-content/uploads/2020/01/p${id}.jpg" alt="" width="640" height="480" /> ${pick(words)} 현장[/caption]`;
      if (n === 4 && next() < 0.1) return `<iframe src="https://www.youtube.com/embed/v${id}"></iframe>`;
      return block ? `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->` : text;
    }).join("\n\n");
    const roll = next();
    const status =
      roll < 0.94
        ? "publish"
        : roll < 0.96
          ? "draft"
          : roll < 0.97
            ? "pending"
            : roll < 0.98
              ? "future"
              : roll < 0.99
                ? "private"
                : "trash";
    const postComments: NonNullable<WxrPostSpec["comments"]> = [];
    const n = Math.round(next() * 2 * commentsPerPost);
    for (let c = 0; c < n; c++) {
      const parent = postComments.length && next() < 0.3 ? pick(postComments).id : 0;
      postComments.push({
        id: ++commentId,
        author: `독자${1 + Math.floor(next() * 5000)}`,
        dateGmt: date,
        content: pick(paragraphs).slice(0, 200),
        parent,
        approved: next() < 0.05 ? "0" : "1",
      });
    }
    comments += postComments.length;
    await write(
      wxrItem(SITE, {
        id,
        title,
        name: encodeURIComponent(title.replace(/\s+/g, "-")).toLowerCase(),
        dateGmt: status === "future" ? "2099-01-01 00:00:00" : date,
        status,
        creator: `reporter${Math.floor(next() * 40)}`,
        content: body,
        excerpt: next() < 0.3 ? pick(paragraphs).slice(0, 120) : "",
        categories: [pick(CATEGORIES)],
        tags: [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(tags)))],
        comments: postComments,
      }),
    );
  }
  await write(wxrTail());
  await new Promise<void>((resolve) => out.end(resolve));
  return { bytes: fs.statSync(file).size, comments };
}

/** Runs the import in its own process: wall time, peak resident memory (sampled) and its output. */
function importOnce(
  exportFile: string,
  contentDir: string,
  dbFile: string,
): Promise<{ ms: number; peakMb: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The command npm run content:import runs (package.json), without npm's own process in between.
    const [command, ...commandArgs] = (
      JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }
    ).scripts["content:import"]!.split(" ");
    const child = spawn(command!, [...commandArgs, "--from", "wordpress", exportFile], {
      env: { ...process.env, CONTENT_DIR: contentDir, DATABASE_URL: dbFile, CONTENT_MESSAGES: "en" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let peak = 0;
    const timer = setInterval(() => {
      const status = spawnSync("ps", ["-o", "rss=", "-p", String(child.pid)], { encoding: "utf8" });
      peak = Math.max(peak, Number(status.stdout.trim()) || 0);
    }, 250);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(output));
      else resolve({ ms: performance.now() - started, peakMb: peak / 1024, output });
    });
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const contentDir = path.join(dir, "content");
  fs.mkdirSync(path.join(contentDir, "articles"), { recursive: true });
  fs.mkdirSync(path.join(contentDir, "imports"), { recursive: true });
  for (const file of ["publisher.yaml", "imports/wordpress-sections.yaml"])
    fs.copyFileSync(path.resolve("content", file), path.join(contentDir, file));
  const exportTo = args.get("export");
  const exportFile = exportTo ? path.resolve(exportTo) : path.join(dir, "export.xml");
  const dbFile = path.join(dir, "portal.db");
  console.log(machineLine());
  const generated = performance.now();
  const { bytes, comments } = await writeExport(exportFile);
  console.log(
    `export: ${count.toLocaleString("en")} posts, ${comments.toLocaleString("en")} comments, ${(bytes / 2 ** 20).toFixed(0)} MB, written in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );
  if (exportTo) return fs.rmSync(dir, { recursive: true, force: true });
  try {
    const first = await importOnce(exportFile, contentDir, dbFile);
    console.log(`import: ${(first.ms / 1000).toFixed(1)} s, peak ${first.peakMb.toFixed(0)} MB resident`);
    console.log(first.output.split("\n").slice(0, 8).join("\n"));
    const again = await importOnce(exportFile, contentDir, dbFile);
    console.log(`import again: ${(again.ms / 1000).toFixed(1)} s, peak ${again.peakMb.toFixed(0)} MB resident`);
    console.log(again.output.split("\n").slice(1, 2).join("\n"));
    const checked = performance.now();
    const check = spawnSync("npx", ["tsx", "scripts/content-check.ts"], {
      env: { ...process.env, CONTENT_DIR: contentDir, CONTENT_MESSAGES: "en" },
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    console.log(
      `content:check: exit ${check.status} in ${((performance.now() - checked) / 1000).toFixed(1)} s: ${(check.stdout + check.stderr).split("\n")[0]?.slice(0, 200)}`,
    );
    if (build) {
      const built = performance.now();
      const result = buildSite(contentDir, ".next-bench-import", { DATABASE_URL: dbFile }, { timeoutMs: 60 * 60_000 });
      console.log(
        `npm run build: exit ${result.status} in ${((performance.now() - built) / 1000).toFixed(1)} s${result.status ? `\n${result.output.slice(-3000)}` : ""}`,
      );
    }
  } finally {
    if (keep) console.log(`kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
