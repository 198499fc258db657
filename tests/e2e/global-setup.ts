// Builds the real content (plus one hostile article) with a fresh database and serves it for the browser tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, startServer, type RunningServer } from "../../scripts/lib/next-server";

declare module "vitest" {
  export interface ProvidedContext {
    e2eUrl: string;
  }
}

let server: RunningServer | undefined;

export default async function setup(project: TestProject) {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-content-"));
  fs.cpSync(path.resolve("content"), contentDir, { recursive: true });
  fs.copyFileSync(
    path.resolve("tests/site/fixture-content/articles/hostile-markdown.md"),
    path.join(contentDir, "articles", "hostile-markdown.md"),
  );
  const env = { DATABASE_URL: path.join(contentDir, "portal.db"), COMMENT_MIN_INTERVAL_SECONDS: "0" };
  const build = buildSite(contentDir, ".next-e2e", env);
  if (build.status !== 0) throw new Error(`e2e build failed:\n${build.output}`);
  server = await startServer(contentDir, ".next-e2e", env);
  project.provide("e2eUrl", server.url);
  return async () => {
    await server?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  };
}
