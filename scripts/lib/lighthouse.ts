// Lighthouse's own CLI (12.2.3, mobile emulation) run against Debian's Chromium in a child process: its
// page-side code must not pass through our TypeScript loader.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { CHROMIUM_ARGS } from "./chromium";

export type Report = {
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    { id: string; title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; displayValue?: string }
  >;
};

/** Audits `url` for `categories`, writes the JSON report to `file` and returns it; throws when Lighthouse fails. */
export function runLighthouse(url: string, file: string, categories: readonly string[]): Report {
  const result = spawnSync(
    "npx",
    [
      "lighthouse",
      url,
      "--output=json",
      `--output-path=${file}`,
      `--only-categories=${categories.join(",")}`,
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(" ")}`,
      "--quiet",
    ],
    {
      env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
      encoding: "utf8",
      timeout: 180_000,
    },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed on ${url}:\n${result.stderr}`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Report;
}
