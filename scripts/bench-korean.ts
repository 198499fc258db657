// npm run bench:korean [-- --count N] [-- --queries Q] — how well search finds what Korean readers mean
// (issue #30), by option, over the three real articles and N generated ones (default 2,000): precision and
// recall of each way of treating a particle or ending after a noun, on two query sets made from the
// archive's own words:
// - "noun + particle": a heading word of the archive with a particle or ending the text does not have
//   after it (아카데미가); the articles meant are those holding the noun;
// - "word as written": a word of the text that ends like a particle (가나가와, 클러스터는, 아시아); the articles
//   meant are those holding the word as written, and cutting it loses precision.
// Options: as typed; always cut the ending (the shortest noun the table gives); cut only a word that finds
// nothing, longest noun first (what the site does: lib/search/understand.ts). Not part of CI.
import { sortIntoContentOrder } from "@/lib/content/order";
import { readContent } from "@/lib/content";
import { parseArticle } from "@/lib/content/parse-article";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import { PARTICLES, particleStems } from "@/lib/search/hangul";
import { MAX_SEARCH_RESULTS } from "@/lib/search/present";
import { understandSearch } from "@/lib/search/understand";
import { generateArticles } from "@/scripts/lib/synthetic";
import { readArgs } from "./lib/args";
import { headingWords, random } from "./lib/generated-queries";

const args = readArgs(process.argv.slice(2));
const count = Number(args.get("count") ?? 2000);
const perSet = Number(args.get("queries") ?? 200);

const content = readContent("content");
// In content order, as a build gives them (the read model numbers articles so: lib/content/order.ts).
const articles = sortIntoContentOrder([
  ...content.articles,
  ...generateArticles(content.articles, count).map((file) => {
    const parsed = parseArticle(file.name, file.name.replace(/\.md$/, ""), file.text, {
      localImage: () => ({ ok: true, width: 308, height: 171 }),
    });
    if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
    return parsed.article;
  }),
]);
const reader = readModelInMemory({ articles, banners: [], publisher: undefined as never });
const now = Date.now();
const all = async (query: string) =>
  new Set((await reader.search(query, now, 0, MAX_SEARCH_RESULTS)).hits.map((hit) => hit.article.slug));

type Case = { query: string; meant: string };
const next = random(150);
const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;

async function querySets(): Promise<Record<string, Case[]>> {
  const headings = headingWords(articles);
  const withParticle: Case[] = [];
  while (withParticle.length < perSet) {
    const noun = pick(headings);
    const query = noun + pick(PARTICLES);
    if ((await reader.search(query, now, 0, 0)).total === 0) withParticle.push({ query, meant: noun });
  }
  const written = [
    ...new Set(articles.flatMap((article) => `${article.title} ${article.plainText}`.normalize("NFC").split(/[^\p{L}\p{N}]+/u))),
  ].filter((word) => /^[\uac00-\ud7a3]{2,}$/.test(word) && particleStems(word).length > 0);
  const asWritten = Array.from({ length: perSet }, () => {
    const word = pick(written);
    return { query: word, meant: word };
  });
  return { "noun + particle": withParticle, "word as written": asWritten };
}

const OPTIONS: Record<string, (query: string) => Promise<Set<string>>> = {
  "as typed": all,
  "always cut (shortest noun)": (query) => all(particleStems(query).at(-1) ?? query),
  "cut only what finds nothing (the site)": async (query) => {
    const result = await understandSearch(reader, query, now, 0, MAX_SEARCH_RESULTS);
    return new Set(result.hits.map((hit) => hit.article.slug));
  },
};

async function main() {
  console.log(`${articles.length} articles; ${perSet} queries per set\n`);
  const sets = await querySets();
  for (const [setName, cases] of Object.entries(sets)) {
    console.log(setName);
    const meant = await Promise.all(cases.map((c) => all(c.meant)));
    for (const [option, search] of Object.entries(OPTIONS)) {
      let found = 0;
      let right = 0;
      let wanted = 0;
      let whole = 0;
      for (const [i, c] of cases.entries()) {
        const got = await search(c.query);
        const hit = [...got].filter((slug) => meant[i]!.has(slug)).length;
        found += got.size;
        right += hit;
        wanted += meant[i]!.size;
        if (hit === meant[i]!.size && got.size === hit) whole++;
      }
      const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "—");
      console.log(
        `  ${option.padEnd(40)} precision ${pct(right, found).padStart(7)}  recall ${pct(right, wanted).padStart(7)}  exactly the articles meant: ${whole}/${cases.length}`,
      );
    }
  }
}

void main();
