// The servers the page-cost benchmarks compare (bench:throughput, bench:lighthouse, bench:profile): the
// portal's production build of content/ and the bare blog-starter app serving the same article.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readContent } from "@/lib/content";
import { bareBlogApp, startBareApp } from "./bare-app";
import { buildSite, startServer, type RunningServer } from "./next-server";

/**
 * `contentDir` (content/ unless said) built into `distDir` and served by `npm start` on a database of its
 * own, removed on stop.
 */
export async function servePortal(
  distDir: string,
  env: Record<string, string> = {},
  contentDir = path.resolve("content"),
): Promise<RunningServer> {
  const build = buildSite(contentDir, distDir);
  if (build.status !== 0) throw new Error(build.output);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-db-"));
  const server = await startServer(contentDir, distDir, { DATABASE_URL: path.join(dbDir, "portal.db"), ...env });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      fs.rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/**
 * The article `slug` from the portal (built into `distDir`) and from the bare blog-starter app (built in a
 * temp folder): the two pages' addresses, and `stop`, which ends both servers and removes what they left.
 */
export async function servePortalAndPeer(
  slug: string,
  distDir: string,
  env: Record<string, string> = {},
): Promise<{ portal: string; peer: string; stop: () => Promise<void> }> {
  const article = readContent("content").articles.find((a) => a.slug === slug);
  if (!article) throw new Error(`content/articles/${slug}.md is not there`);
  const bareDir = bareBlogApp(slug, article.title, article.html);
  const portal = await servePortal(distDir, env);
  const bare = await startBareApp(bareDir);
  return {
    portal: `${portal.url}/articles/${slug}`,
    peer: `${bare.url}/posts/${slug}`,
    stop: async () => {
      bare.stop();
      await portal.stop();
      fs.rmSync(bareDir, { recursive: true, force: true });
    },
  };
}
