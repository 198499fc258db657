import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 20_000,
    // Only our own suites; browser specs (tests/e2e) run through their own runner.
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
    ],
  },
});
