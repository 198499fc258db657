// Debian's Chromium, headless, with the flags that keep it off the network this machine does not have.
import { chromium, type Browser } from "playwright-core";

/** Chromium flags: no sandbox (root), no GPU, and no background calls to outside hosts. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Debian's Chromium; Playwright gives it a fresh profile in the OS temp folder, never in the repo. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}
