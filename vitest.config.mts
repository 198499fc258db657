import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    // Only our own suites: browser specs under tests/e2e run through their own runner.
    include: ["tests/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
  },
});
