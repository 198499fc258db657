// A bare Next.js app in a temp folder, for benchmarks that measure the framework beside the portal
// (bench:floor, bench:throughput, bench:lighthouse): the given files over a minimal package.json and tsconfig.json.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./next-server";

const BASE_FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "esnext"],
      jsx: "react-jsx",
      module: "esnext",
      moduleResolution: "bundler",
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
    },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
};

/** Writes the app; node_modules hard-linked from this checkout (Turbopack will not follow a symlink out of the app). */
export function createBareApp(name: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const all = { "package.json": `{ "name": "${name}", "private": true }\n`, ...BASE_FILES, ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  if (linked.status !== 0) execFileSync("cp", ["-a", path.resolve("node_modules"), path.join(dir, "node_modules")]);
  return dir;
}

/**
 * The blog-starter approach (bench:throughput, bench:lighthouse): one dynamic route prerendering an
 * article's title and HTML at /posts/`slug`, a bare layout, no proxy; built here with `next build`.
 */
export function bareBlogApp(slug: string, title: string, html: string): string {
  const dir = createBareApp("bare-blog", {
    "next.config.ts": `export default { typescript: { ignoreBuildErrors: true }, experimental: { cpus: 2 } };\n`,
    "article.json": JSON.stringify({ title, html }),
    "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (<html lang="ko"><body>{children}</body></html>);
}\n`,
    "app/posts/[slug]/page.tsx": `import article from "../../../article.json";
export function generateStaticParams() { return [{ slug: ${JSON.stringify(slug)} }]; }
export default function Post() {
  return (<main><article><h1>{article.title}</h1><div dangerouslySetInnerHTML={{ __html: article.html }} /></article></main>);
}\n`,
  });
  const build = spawnSync("npx", ["next", "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`bare app build failed:\n${build.stdout}${build.stderr}`);
  return dir;
}

/** `next start` of a bare app on a free port; resolves once it answers. */
export async function startBareApp(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return { url, stop: () => process.kill(-child.pid!, "SIGTERM") };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error("the bare app did not start");
}
