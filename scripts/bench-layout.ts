// npm run bench:layout [-- --runs 12 --paths /a,/b --javascript off|on] — main-thread script, style, layout and
// task time of a page's first load in Chromium (phone viewport; JavaScript off unless turned on), as served and
// with the root layout's inline font style removed, loads interleaved. Median of `runs` loads after two
// warm-up loads each. BASE_URL as bench:weight.
import type { Page } from "playwright-core";
import { readArgs } from "./lib/args";
import { launchChromium } from "./lib/chromium";
import { median } from "./lib/stats";

const base = process.env.BASE_URL || "http://127.0.0.1:3000";
const INLINE_FONT_STYLE = /<style>html\{font-family:[^<]*<\/style>/;

type Metrics = { script: number; layout: number; style: number; task: number };

async function firstLoad(page: Page, url: string, withoutInlineFont: boolean): Promise<Metrics> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    if (!INLINE_FONT_STYLE.test(html)) throw new Error(`${url} has no inline font style`);
    await route.fulfill({ response, body: withoutInlineFont ? html.replace(INLINE_FONT_STYLE, "") : html });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(300);
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    script: value("ScriptDuration"),
    layout: value("LayoutDuration"),
    style: value("RecalcStyleDuration"),
    task: value("TaskDuration"),
  };
}

async function main() {
  const args = readArgs(process.argv.slice(2));
  const runs = Number(args.get("runs") ?? 12);
  const paths = (args.get("paths") ?? "/articles/kanagawa-science-park,/").split(",");
  const javaScriptEnabled = (args.get("javascript") ?? "off") === "on";
  const browser = await launchChromium();
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
  });
  console.log(
    `median of ${runs} first loads, ms of main thread (Chromium ${browser.version()}, JavaScript ${javaScriptEnabled ? "on" : "off"}, 412×823)`,
  );
  for (const pathname of paths) {
    const url = base + pathname;
    const samples: Record<"served" | "without", Metrics[]> = { served: [], without: [] };
    for (let i = 0; i < runs + 2; i++) {
      for (const variant of ["served", "without"] as const) {
        const page = await context.newPage();
        const metrics = await firstLoad(page, url, variant === "without");
        await page.close();
        if (i >= 2) samples[variant].push(metrics);
      }
    }
    for (const [variant, list] of Object.entries(samples)) {
      const label = variant === "served" ? "as served" : "without inline font style";
      const ms = (metric: keyof Metrics) =>
        median(list.map((m) => m[metric]))
          .toFixed(1)
          .padStart(6);
      console.log(
        `${pathname.padEnd(34)} ${label.padEnd(26)} script ${ms("script")}  layout ${ms("layout")}  style ${ms("style")}  all tasks ${ms("task")}`,
      );
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
