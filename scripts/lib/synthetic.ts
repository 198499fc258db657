// Deterministic synthetic articles recombined from the real texts, for benchmarks and load tests only.
import type { Article } from "@/lib/content/schema";
import { toKstIso } from "@/lib/dates";
import { SECTIONS } from "@/lib/site";

/** mulberry32: a tiny seeded PRNG, so the same seed always writes the same files. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticFile = { name: string; text: string };

/** `count` Markdown files built from the sentences, headings and tags of `sources`; same input, same output. */
export function generateArticles(sources: Article[], count: number, seed = 20081109): SyntheticFile[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const paragraphs = sources.flatMap((a) => a.plainText.split("\n")).filter((p) => p.length > 40);
  const phrases = sources
    .flatMap((a) => a.title.split(/[-,]/))
    .map((p) => p.trim())
    .filter(Boolean);
  const tags = [...new Set(sources.flatMap((a) => a.tags))];
  const series = ["혁신클러스터가 지역의 미래를 이끈다", "충북 체육의 내일", "오창에서 온 편지"];
  const start = Date.parse("2008-01-01T09:00:00+09:00");
  const files: SyntheticFile[] = [];
  for (let i = 1; i <= count; i++) {
    const date = new Date(start + Math.floor(next() * 15 * 365) * 86_400_000 + Math.floor(next() * 86_400) * 1000);
    const kind = pick(["news", "news", "news", "feature", "analysis", "column", "magazine"] as const);
    const inSeries = next() < 0.1;
    const body = Array.from({ length: 4 + Math.floor(next() * 8) }, (_, n) =>
      n > 0 && n % 4 === 0 ? `## ${pick(phrases)}\n\n${pick(paragraphs)}` : pick(paragraphs),
    );
    const articleTags = [...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(tags)))];
    const lines = [
      "---",
      `title: ${JSON.stringify(`${pick(phrases)} ${i}`)}`,
      `date: "${toKstIso(date)}"`,
      `section: ${pick(SECTIONS).slug}`,
      `kind: ${kind}`,
      `tags: ${JSON.stringify(articleTags)}`,
      inSeries ? `series: ${pick(series)}\nseriesNo: ${1 + (i % 20)}` : "",
      next() < 0.05 ? "exclusive: true" : "",
      // Synthetic bylines for benchmarks only; real articles never carry invented names.
      next() < 0.7 ? `authors: [{ name: "시험기자${1 + Math.floor(next() * 40)}", title: 기자 }]` : "",
      kind === "magazine"
        ? 'image: { src: /images/magazine-thumbnail-placeholder.svg, alt: "자리표시 이미지", width: 308, height: 171, placeholder: true }'
        : "",
      "---",
    ].filter(Boolean);
    files.push({ name: `synthetic-${String(i).padStart(5, "0")}.md`, text: `${lines.join("\n")}\n\n${body.join("\n\n")}\n` });
  }
  return files;
}
