// npm run bench:floor [-- --counts 200,2000 --runs 3 --cache-components on|off] — what Next.js itself costs on
// this machine, with none of the portal: a bare App Router app (root layout, one dynamic route whose page is a
// heading and a sentence, Cache Components on as in the portal unless turned off) built with N pages, and
// Lighthouse's mobile performance of one of its pages (`--runs 0` skips it). The floor under bench:build and
// npm run audit (BENCHMARKS.md, "The floor"); `--cache-components off` shows what that feature costs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readArgs } from "./lib/args";
import { machineLine, marginalLine } from "./lib/build-timing";
import { runLighthouse } from "./lib/lighthouse";
import { startServer } from "./lib/next-server";
import { createBareApp } from "./lib/bare-app";
import { median } from "./lib/stats";

/** The app's own files: one layout and one dynamic route of N prerendered pages. */
function appFiles(cacheComponents: boolean): Record<string, string> {
  return {
    "next.config.ts": `export default { cacheComponents: ${cacheComponents}, typescript: { ignoreBuildErrors: true }, experimental: { cpus: 2 } };\n`,
    "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (<html lang="ko"><body>{children}</body></html>);
}\n`,
    "app/p/[slug]/page.tsx": `export async function generateStaticParams() {
  return Array.from({ length: Number(process.env.FLOOR_PAGES) }, (_, i) => ({ slug: \`a-\${i}\` }));
}
export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (<main><h1>{slug}</h1><p>가나가와 사이언스 파크는 일본 최초의 도시형 사이언스 파크다.</p></main>);
}\n`,
  };
}

function build(dir: string, pages: number): number {
  fs.rmSync(path.join(dir, ".next"), { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync("npx", ["next", "build"], {
    cwd: dir,
    env: { ...process.env, FLOOR_PAGES: String(pages), NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`bare next build failed:\n${result.stdout}${result.stderr}`);
  return performance.now() - started;
}

async function main() {
  const args = readArgs(process.argv.slice(2));
  const counts = (args.get("counts") ?? "200,2000").split(",").map(Number);
  const runs = Number(args.get("runs") ?? 3);
  const cacheComponents = (args.get("cache-components") ?? "on") !== "off";
  console.log(`${machineLine()}, bare Next.js app, Cache Components ${cacheComponents ? "on" : "off"}`);
  const dir = createBareApp("next-floor", appFiles(cacheComponents));
  try {
    const results = counts.map((count) => {
      const ms = build(dir, count);
      console.log(
        `${String(count).padStart(5)} pages: next build ${(ms / 1000).toFixed(1)} s, ${(ms / count).toFixed(1)} ms/page`,
      );
      return { count, ms };
    });
    const marginal = marginalLine(results, "page");
    if (marginal) console.log(marginal);
    if (runs <= 0) return;
    const server = await startServer(dir, ".next", {}, dir);
    try {
      const scores: number[] = [];
      const blocking: number[] = [];
      for (let run = 0; run < runs; run++) {
        const report = runLighthouse(`${server.url}/p/a-1`, path.join(dir, `lighthouse-${run}.json`), ["performance"]);
        scores.push(Math.round((report.categories.performance?.score ?? 0) * 100));
        blocking.push(report.audits["total-blocking-time"]?.numericValue ?? 0);
      }
      console.log(
        `Lighthouse performance of a bare page (${runs} runs): ${scores.join(", ")}; median ${median(scores)}, median TBT ${median(blocking).toFixed(0)} ms`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
