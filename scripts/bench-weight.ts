// npm run bench:weight — bytes of HTML, CSS and JavaScript (raw and gzip) that a page loads, from a running site.
// BASE_URL (default http://127.0.0.1:3000) and page paths as arguments (default: the Kanagawa article).
import { gzipSync } from "node:zlib";

const base = process.env.BASE_URL || "http://127.0.0.1:3000";
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["/articles/kanagawa-science-park"];

type Weight = { raw: number; gzip: number; files: number };
const empty = (): Weight => ({ raw: 0, gzip: 0, files: 0 });

async function bytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

function add(weight: Weight, body: Buffer) {
  weight.raw += body.length;
  weight.gzip += gzipSync(body, { level: 9 }).length;
  weight.files += 1;
}

async function main() {
  for (const pathname of pages) {
    const html = await bytes(base + pathname);
    const text = html.toString("utf8");
    const scripts = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    const styles = [
      ...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+\.css)"[^>]*rel="stylesheet"/g),
    ].map((m) => (m[1] ?? m[2])!);
    const weights = { html: empty(), css: empty(), js: empty() };
    add(weights.html, html);
    for (const src of new Set(scripts)) add(weights.js, await bytes(new URL(src, base).toString()));
    for (const href of new Set(styles)) add(weights.css, await bytes(new URL(href, base).toString()));
    console.log(`\n${pathname}`);
    for (const [kind, w] of Object.entries(weights)) {
      console.log(
        `  ${kind.padEnd(4)} ${String(w.files).padStart(2)} files  ${(w.raw / 1024).toFixed(1).padStart(7)} KB raw  ${(w.gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
