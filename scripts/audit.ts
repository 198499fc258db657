// npm run audit — Lighthouse 12.2.3 (mobile) with Debian's Chromium on the home, an article, a listing and search.
// Serves the production build itself (building first when there is none) unless BASE_URL is given.
// Writes JSON reports to test-results/lighthouse/, prints a table, and exits 1 when accessibility,
// best practices or SEO is below 100 (performance is printed: it is noisy on shared machines).
import fs from "node:fs";
import path from "node:path";
import { runLighthouse, type Report } from "./lib/lighthouse";
import { buildSite, startServer, type RunningServer } from "./lib/next-server";

const PAGES = (
  process.env.AUDIT_PAGES ?? "/,/articles/kanagawa-science-park,/sections/economy,/search?q=%EA%B0%80%EB%82%98%EA%B0%80%EC%99%80"
).split(",");
const STRICT = ["accessibility", "best-practices", "seo"] as const;
const CATEGORIES = ["performance", ...STRICT] as const;

async function serve(): Promise<{ base: string; server?: RunningServer }> {
  if (process.env.BASE_URL) return { base: process.env.BASE_URL };
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const contentDir = path.resolve(process.env.CONTENT_DIR || "content");
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    const build = buildSite(contentDir, distDir);
    if (build.status !== 0) throw new Error(build.output);
  }
  const server = await startServer(contentDir, distDir);
  return { base: server.url, server };
}

async function main() {
  const { base, server } = await serve();
  fs.mkdirSync("test-results/lighthouse", { recursive: true });
  const rows: { page: string; scores: Record<string, number> }[] = [];
  try {
    for (const page of PAGES) {
      const file = `test-results/lighthouse/${page.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}.json`;
      // What readers get is the page as served from cache, not its first render after the server started.
      for (let warm = 0; warm < 2; warm++) await (await fetch(base + page)).text();
      let report: Report | undefined;
      // Chromium sometimes loses the trace of a load (Lighthouse's NO_NAVSTART): a failure of the tool, not of
      // the page, so up to three tries; a third failure still fails the audit.
      for (let attempt = 1; !report; attempt++) {
        try {
          report = runLighthouse(base + page, file, CATEGORIES);
        } catch (error) {
          if (attempt === 3) throw error;
          console.log(`  ${page}: Lighthouse run failed, trying again (${(error as Error).message.split("\n")[1] ?? ""})`);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
      rows.push({
        page,
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)])),
      });
      const failing = Object.values(report.audits).filter(
        (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual",
      );
      for (const item of failing) console.log(`  ${page}: ${item.id} (${item.score}) — ${item.title}`);
    }
  } finally {
    await server?.stop();
  }
  console.log(`\n${"page".padEnd(44)} ${CATEGORIES.map((c) => c.padStart(15)).join("")}`);
  for (const row of rows)
    console.log(`${row.page.padEnd(44)} ${CATEGORIES.map((c) => String(row.scores[c]).padStart(15)).join("")}`);
  const below = rows.flatMap((row) => STRICT.filter((c) => row.scores[c]! < 100).map((c) => `${row.page} ${c} ${row.scores[c]}`));
  if (below.length) {
    console.error(`\nBelow 100: ${below.join("; ")}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
