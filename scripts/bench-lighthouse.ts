// npm run bench:lighthouse [-- --runs N] — the reader's phone, paired (issue 32): Lighthouse 12.2.3 mobile on
// the portal's Kanagawa article (`npm start`, from cache) and on the same article in the bare blog-starter
// app (`next start`), alternating, N runs each (default 5). Prints each run's performance score, total
// blocking time and the page's bytes, the medians, and in how many of the pairs the portal is at least as
// good as the peer (issue 32's target: performance and blocking time, in at least 4 of 5).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { machineLine } from "./lib/build-timing";
import { runLighthouse, type Report } from "./lib/lighthouse";
import { servePortalAndPeer } from "./lib/portal-and-peer";
import { median } from "./lib/stats";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Number(args.runs);
const SLUG = "kanagawa-science-park";

type Figures = { performance: number; blockingMs: number; bytes: number };

/** One Lighthouse run of `url` (up to three tries: Chromium sometimes loses a load's trace, a tool failure). */
function audit(url: string, file: string): Figures {
  let report: Report | undefined;
  for (let attempt = 1; !report; attempt++) {
    try {
      report = runLighthouse(url, file, ["performance"]);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  return {
    performance: Math.round((report.categories.performance?.score ?? 0) * 100),
    blockingMs: Math.round(report.audits["total-blocking-time"]?.numericValue ?? 0),
    bytes: Math.round(report.audits["total-byte-weight"]?.numericValue ?? 0),
  };
}

async function main() {
  console.log(machineLine());
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lighthouse-"));
  const servers = await servePortalAndPeer(SLUG, ".next-bench-lighthouse");
  try {
    const urls = { portal: servers.portal, peer: servers.peer };
    // What readers get is the page from cache, not its first render after the server started.
    for (const url of Object.values(urls)) for (let warm = 0; warm < 2; warm++) await (await fetch(url)).text();
    const runs: { portal: Figures; peer: Figures }[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternating which goes first, so neither always has the machine's quieter moment.
      const order = run % 2 === 0 ? (["portal", "peer"] as const) : (["peer", "portal"] as const);
      const pair = {} as { portal: Figures; peer: Figures };
      for (const who of order) pair[who] = audit(urls[who], path.join(reports, `${who}-${run}.json`));
      runs.push(pair);
      console.log(
        `run ${run + 1}: portal ${pair.portal.performance} (TBT ${pair.portal.blockingMs} ms), peer ${pair.peer.performance} (TBT ${pair.peer.blockingMs} ms)`,
      );
    }
    const row = (who: "portal" | "peer") => {
      const list = runs.map((r) => r[who]);
      return `| ${who} | ${list.map((f) => f.performance).join(" / ")} | ${median(list.map((f) => f.performance))} | ${list.map((f) => f.blockingMs).join(" / ")} | ${median(list.map((f) => f.blockingMs))} | ${median(list.map((f) => f.bytes))} |`;
    };
    console.log(
      `\n| page | performance, each run | median | total blocking time (ms), each run | median | bytes transferred |\n|---|---|---|---|---|---|`,
    );
    console.log(row("portal"));
    console.log(row("peer"));
    const atLeast = runs.filter((r) => r.portal.performance >= r.peer.performance).length;
    const blocking = runs.filter((r) => r.portal.blockingMs <= r.peer.blockingMs).length;
    console.log(
      `\nportal's performance ≥ the peer's in ${atLeast} of ${RUNS} pairs; its blocking time ≤ the peer's in ${blocking} of ${RUNS} (target: 4 of 5 each)`,
    );
  } finally {
    await servers.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
