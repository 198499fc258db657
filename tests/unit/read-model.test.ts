// The read model (lib/archive/) answers every question pages ask exactly as the plain in-memory reference
// (scripts/lib/catalog.ts buildCatalog, scripts/lib/search-reference.ts) answers it, over an archive built to hit the corners:
// drafts, scheduled articles, series out of date order, tags differing only in case, shared dates, aliases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relatedIdeal } from "@/lib/archive/postgres/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { buildCatalog, relatedArticles, type Catalog } from "@/scripts/lib/catalog";
import { readContent } from "@/lib/content";
import type { Article } from "@/lib/content/schema";
import { rankRelated, relatedScore } from "@/lib/related";
import { buildSearchIndex, searchArticles } from "@/scripts/lib/search-reference";
import { ARCHIVE_ENGINES, searchBothWays, type OpenedArchive } from "./archive-engines";
import { makeArticle } from "./fixtures";

const NOW = Date.parse("2026-11-25T00:00:00Z");
const SECTIONS = ["economy", "society", "sports", "opinion"] as const;
const TAGS = ["오창", "청주", "KAST", "kast", "바이오 클러스터", "日"];
const WORDS = [
  "사이언스파크",
  "가나가와",
  "과학",
  "오창",
  "벤처",
  "특허",
  "클러스터",
  "KAST",
  "ＫＡＳＴ",
  "日",
  "산학연",
  "지원",
];

/** A deterministic archive of `count` articles, newest first as readContent hands them over. */
function archiveOf(count: number): Article[] {
  const articles = Array.from({ length: count }, (_, i) => {
    const words = WORDS.filter((_, w) => (i * 5 + w * 7) % 11 < 3);
    return makeArticle(`a-${String(i).padStart(4, "0")}`, {
      title: `${words.slice(0, 2).join(" ")} 기사 ${i}`,
      section: SECTIONS[i % SECTIONS.length],
      // Some articles repeat a tag: 관련기사 counts each entry.
      tags: [...TAGS.filter((_, t) => (i * 3 + t * 5) % 7 === 0), ...(i % 13 === 0 ? ["오창", "오창"] : [])],
      series: i % 9 === 0 ? (i % 2 ? "연재 A" : "연재 a") : undefined,
      seriesNo: i % 9 === 0 ? 1 + ((i * 13) % 5) : undefined,
      authors: i % 4 === 0 ? [{ name: i % 8 ? "김기자" : "이기자" }] : [],
      kind: i % 10 === 0 ? "column" : i % 15 === 0 ? "magazine" : "news",
      exclusive: i % 12 === 0,
      summary: i % 6 === 0 ? `${words.join("")} 요약` : undefined,
      plainText: `${words.join(" ")} 본문 ${i}. ${words.reverse().join("")} 끝`,
      related: i % 20 === 0 ? [`a-${String(i + 3).padStart(4, "0")}`, "a-0001"] : [],
      // 28 articles on: the same tags and section, so the boxed column would otherwise rank first.
      column: i % 25 === 0 ? `a-${String((i + 28) % 400).padStart(4, "0")}` : undefined,
      aliases: i % 30 === 0 ? [`/news/articleView.html?idxno=${i}&sc=1`] : [],
      draft: i % 31 === 0,
      // Two articles a day, some in the future (scheduled); several share a date.
      date: new Date(Date.UTC(2026, 10, 30) - Math.floor(i / 2) * 86_400_000).toISOString(),
    });
  });
  return articles.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}

const articles = archiveOf(400);
const slugsOf = (list: { slug: string }[]) => list.map((a) => a.slug);

describe.each(ARCHIVE_ENGINES)("$name", (engine) => {
  const opened: OpenedArchive[] = [];
  let reader: ArchiveReader;
  const open = async (content: Parameters<typeof engine.open>[0]) => {
    const archive = await engine.open(content);
    opened.push(archive);
    return archive.reader;
  };
  beforeAll(async () => {
    reader = await open({ articles, banners: [] });
  }, 60_000);
  afterAll(async () => {
    for (const archive of opened) await archive.close();
  });

  describe.each([NOW, Date.parse("2026-11-30T00:00:00Z"), Date.parse("2025-01-01T00:00:00Z")])("at %s", (now) => {
    const catalog: Catalog = buildCatalog({ articles, banners: [] }, now);

    it("publishes the same articles, newest first, and pages them the same", async () => {
      expect(slugsOf(await reader.newest(now, 10_000))).toEqual(slugsOf(catalog.articles));
      expect(slugsOf(await reader.newest(now, 20, 40))).toEqual(slugsOf(catalog.articles.slice(40, 60)));
      for (const article of articles) expect(await reader.exists(article.slug, now)).toBe(catalog.bySlug.has(article.slug));
    });

    it("has the same groups, names, sizes and member order for every kind", async () => {
      const reference = {
        section: new Map(
          [...catalog.sections].filter(([, list]) => list.length).map(([key, list]) => [key, { name: key, articles: list }]),
        ),
        tag: catalog.tags,
        series: catalog.series,
        author: catalog.authors,
      };
      for (const [kind, groups] of Object.entries(reference) as [
        keyof typeof reference,
        Map<string, { name: string; articles: Article[] }>,
      ][]) {
        const found = await reader.groups(kind, now);
        expect(new Set(found.map((g) => g.key))).toEqual(new Set(groups.keys()));
        for (const group of found) {
          const expected = groups.get(group.key)!;
          expect(group.name).toBe(expected.name);
          expect(group.count).toBe(expected.articles.length);
          // One group alone, as a listing page asks (kept per instant by the SQLite reader).
          expect(await reader.group(kind, group.key, now)).toEqual(group);
          expect(slugsOf(await reader.members(kind, group.key, now, 10_000))).toEqual(slugsOf(expected.articles));
          expect(slugsOf(await reader.members(kind, group.key, now, 3, 2))).toEqual(slugsOf(expected.articles.slice(2, 5)));
        }
      }
    });

    it("gives each group's newest change and the pages holding the newest articles as the reference", async () => {
      const reference = {
        section: new Map([...catalog.sections].filter(([, list]) => list.length).map(([key, list]) => [key, list])),
        tag: new Map([...catalog.tags].map(([key, group]) => [key, group.articles])),
        series: new Map([...catalog.series].map(([key, group]) => [key, group.articles])),
        author: new Map([...catalog.authors].map(([key, group]) => [key, group.articles])),
      };
      for (const [kind, groups] of Object.entries(reference) as [keyof typeof reference, Map<string, Article[]>][]) {
        const newestChange = new Map(
          [...groups].map(([key, list]) => [key, list.map((a) => a.lastModified).reduce((a, b) => (a > b ? a : b))]),
        );
        expect(await reader.groupsLastModified(kind, now)).toEqual(newestChange);
        for (const newest of [1, 7, 20, 57, Infinity])
          for (const pageSize of [3, 20]) {
            const recent = new Set(catalog.articles.slice(0, newest).map((a) => a.slug));
            const expected = [...groups.keys()]
              .sort()
              .flatMap((key) =>
                [
                  ...new Set(
                    groups.get(key)!.flatMap((a, place) => (recent.has(a.slug) ? [Math.floor(place / pageSize) + 1] : [])),
                  ),
                ].map((page) => ({ key, page })),
              );
            expect(await reader.pagesHoldingNewest(kind, now, newest, pageSize)).toEqual(expected);
          }
      }
    });

    it("ranks 관련기사 exactly as the reference, which scores from the same indexes", async () => {
      // Lists the best candidates alone settle (every tag, the series and the section: relatedIdeal) and
      // lists they do not: both ways of ranking are exercised.
      const settledBy = { ideal: 0, all: 0 };
      for (const article of catalog.articles) {
        for (const limit of [1, 2, 4, 6, 15]) {
          const found = slugsOf(await reader.related(article, now, limit));
          expect(found).toEqual(slugsOf(relatedArticles(catalog, article, limit)));
          // And as brute force over every published article, the boxed column left out.
          const everyone = catalog.articles.filter((a) => a.slug !== article.column);
          const expected = rankRelated(article, everyone, limit);
          expect(found).toEqual(slugsOf(expected));
          const ideal = relatedIdeal(article);
          const last = expected[limit - 1];
          settledBy[ideal && last && relatedScore(article, last) >= ideal.bound ? "ideal" : "all"]++;
        }
      }
      // (At the earliest instant nothing is published yet.)
      if (catalog.articles.length) expect(Math.min(settledBy.ideal, settledBy.all)).toBeGreaterThan(100);
    });

    it("redirects old addresses only to published articles, whatever the order of their query", async () => {
      for (const article of articles.filter((a) => a.aliases.length)) {
        const [path, query] = article.aliases[0]!.split("?");
        const reordered = `${path}?${query!.split("&").reverse().join("&")}`;
        expect(await reader.aliasTarget(reordered, now)).toBe(catalog.bySlug.has(article.slug) ? article.slug : undefined);
      }
      expect(await reader.aliasTarget("/news/articleView.html?idxno=999999", now)).toBeUndefined();
    });

    it("picks Why, Only and 매거진 as the reference does", async () => {
      expect(slugsOf(await reader.picks("why", now, 50))).toEqual(
        slugsOf(catalog.articles.filter((a) => a.kind === "analysis" || a.kind === "column").slice(0, 50)),
      );
      expect(slugsOf(await reader.picks("only", now, 50))).toEqual(
        slugsOf(catalog.articles.filter((a) => a.exclusive).slice(0, 50)),
      );
      expect(slugsOf(await reader.picks("magazine", now, 50))).toEqual(
        slugsOf(catalog.articles.filter((a) => a.kind === "magazine").slice(0, 50)),
      );
    });

    it("finds and ranks exactly what the in-memory search index does, for every kind of query", async () => {
      const index = buildSearchIndex(catalog.articles);
      const queries = [
        ...WORDS,
        ...TAGS,
        "사이언스 파크",
        "이언스",
        "파",
        "과",
        "kast 오창",
        '"과학 오창"',
        "가나가와사이언스파크".normalize("NFD"),
        "바이오클러스터",
        "없는말",
        "본문",
        "기사 1",
        "* ( ) : ^ - OR",
        "",
      ];
      for (const query of queries) {
        const { found, expected } = await searchBothWays(reader, index, query, now);
        expect(found).toEqual(expected);
        expect(slugsOf((await reader.search(query, now, 5, 5)).hits.map((h) => h.article))).toEqual(
          slugsOf(searchArticles(index, query, 5, 5).hits.map((h) => h.article)),
        );
      }
    });
  });

  it("keeps the tag a term cannot span: grams stop at each tag's end", async () => {
    const two = await open({ articles: [makeArticle("t", { tags: ["가나", "다라"] })], banners: [] });
    expect((await two.search("나다", NOW)).total).toBe(0);
    expect((await two.search("가나", NOW)).total).toBe(1);
    expect((await two.search("라", NOW)).total).toBe(1);
  });

  it("reads the body of every match that repeats can still lift onto the page", async () => {
    // By field weights alone the older article leads (title + summary: 115 against title + body: 105); the
    // newer one's repeats in the body bring it level (100 + 5 + 5 + 5 = 115), and a tie goes to the newer.
    const tie = await open({
      banners: [],
      articles: [
        makeArticle("newer", {
          title: "가나 소식",
          plainText: "가나 가나 가나 가나 가나 다라 다라 다라 다라 다라",
          date: "2026-01-02T00:00:00Z",
        }),
        makeArticle("older", { title: "가나 소식", summary: "다라", plainText: "본문", date: "2026-01-01T00:00:00Z" }),
      ],
    });
    const found = await tie.search("가나 다라", NOW, 0, 1);
    expect(found.hits.map((h) => [h.article.slug, h.score])).toEqual([["newer", 115]]);
    expect(found.total).toBe(2);
  });

  it("scores bodies of any characters as written: astral, combining, jamo, half-width, emoji around", async () => {
    // SQLite keeps a search body as UTF-16 bytes (lib/archive/sqlite/statements.ts toBodyBytes): every
    // character must come back as it went in (a surrogate pair too), or repeats and body-only matches go.
    const bodies = [
      "𠮷野家 식당 𠮷野家 𠮷野家 🚀 발사 👩‍🔬 연구원 𠮷",
      "𝔸𝔹ℂ 수식 𝔸𝔹ℂ café é 카페 ﾃｽﾄ テスト",
      "ㄱㄴㄷ 자모 가́ 분해 ᄀᄂ 가나가와 가나가와",
      "plain ascii body with KAST and kast",
    ];
    const content = {
      banners: [],
      articles: bodies.map((plainText, i) =>
        makeArticle(`b-${i}`, { title: `본문 ${i}`, plainText, date: `2026-01-0${4 - i}T00:00:00Z` }),
      ),
    };
    const odd = await open(content);
    const index = buildSearchIndex(buildCatalog(content, NOW).articles);
    for (const query of [
      "𠮷野家",
      "𠮷",
      "로켓🚀 발사",
      "연구원",
      "abc",
      "é",
      "카페",
      "テスト",
      "ᄀᄂ",
      "가",
      "가나가와",
      "kast",
      "본문 🚀",
    ]) {
      const { found, expected } = await searchBothWays(odd, index, query, NOW);
      expect(found, query).toEqual(expected);
      if (query !== "로켓🚀 발사") expect(found.total, query).toBeGreaterThan(0);
    }
  });

  it("answers the real articles' searches as the in-memory index does", async () => {
    const content = readContent("content");
    const real = await open(content);
    const catalog = buildCatalog(content, NOW);
    const index = buildSearchIndex(catalog.articles);
    for (const query of [
      "사이언스파크",
      "오창",
      "日",
      "KAST",
      "체육회의",
      "클러스터 일본",
      '"미니클러스터라는 소규모"',
      "재정 자율화",
    ]) {
      expect(slugsOf((await real.search(query, NOW)).hits.map((h) => h.article))).toEqual(
        slugsOf(searchArticles(index, query).hits.map((h) => h.article)),
      );
    }
  });
});
