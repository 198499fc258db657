import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    // One file at a time, across all projects: the site tests measure 2-second freshness through nginx,
    // which two cores cannot promise while another file builds a site or runs Chromium and the Nu checker.
    fileParallelism: false,
    testTimeout: 20_000,
    // Assertions on editors' messages are written against the English ones (lib/content/problems.ts say());
    // tests/content/korean-messages.test.ts checks the Korean ones editors get by default.
    env: { CONTENT_MESSAGES: "en" },
    // Unit and component tests, the built fixture site, and the browser tests, as three projects.
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/{content,unit,components,engagement}/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        // One production build of tests/site/fixture-content, served by next start, shared by these files.
        test: {
          name: "site",
          include: ["tests/site/**/*.test.ts"],
          globalSetup: ["tests/site/global-setup.ts"],
          hookTimeout: 400_000,
        },
      },
      {
        extends: true,
        // Chromium (Debian's, via playwright-core) against a production build of the real content.
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          hookTimeout: 400_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
