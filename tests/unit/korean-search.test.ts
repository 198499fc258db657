// Search as Korean readers type (issue #30), by class, on every engine: queries are made from the
// archive's own words (the real articles and generated ones) by each way readers type them (a particle
// after the noun, 초성, the keyboard left in English, one jamo wrong, several words no article holds
// together), so the test is of the class, not of a few words. Each expectation is what the reader meant:
// the same articles as the word they meant, typed as such.
import { sortIntoContentOrder } from "@/lib/content/order";
import { convertHangulToQwerty } from "es-hangul";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PostgresArchiveReader } from "@/lib/archive/postgres/reader";
import { syncReadModel } from "@/lib/archive/postgres/sync";
import { readModelInMemory } from "@/lib/archive/sqlite/reader";
import type { ArchiveReader } from "@/lib/archive/reader";
import { loadContent } from "@/lib/content";
import type { Article } from "@/lib/content/schema";
import {
  composingParts,
  editDistance,
  fromEnglishLayout,
  initialsOf,
  jamoOf,
  PARTICLES,
  particleStems,
} from "@/lib/search/hangul";
import { rewriteLines } from "@/lib/search/present";
import { parseQuery } from "@/lib/search-core/normalize";
import { MAX_COUNTS, understandSearch, vocabularyOf } from "@/lib/search/understand";
import { buildVocabulary, Vocabulary } from "@/lib/search/vocabulary";
import { POSTGRES_URL } from "../engagement/engines";
import { ARCHIVE_ENGINES, openBeforeAll, postgresSchema } from "./archive-engines";
import { makeArticle, syntheticArchive } from "./fixtures";
import { headingWords, random, vowelTypo } from "../../scripts/lib/generated-queries";

const NOW = Date.now();
const ARTICLES: Article[] = sortIntoContentOrder([...loadContent().articles, ...syntheticArchive(240)]);
const ABBREVIATIONS = loadContent().abbreviations ?? {};
const CONTENT = { articles: ARTICLES, banners: [], publisher: undefined as never, abbreviations: ABBREVIATIONS };
/** The vocabulary as the build writes it, to draw queries from. */
const VOCABULARY = new Vocabulary(buildVocabulary(ARTICLES));
const HANGUL_WORD = /^[\uac00-\ud7a3]{2,}$/;

const pick = <T>(items: readonly T[], next: () => number) => items[Math.floor(next() * items.length)]!;

/** Words of the archive readers would look up: headings (titles' words, tags) of Hangul only. */
const HEADINGS = headingWords(ARTICLES);

const idsOf = (result: { hits: { article: { slug: string } }[] }) => result.hits.map((hit) => hit.article.slug);

// Written anew and synced: the updated SQLite file answers as one written anew (read-model.test.ts).
const ENGINES = ARCHIVE_ENGINES.filter((engine) => engine.name === "SQLite" || engine.name === "PostgreSQL");

describe.each(ENGINES)("Korean readers' search on $name", (engine) => {
  const reader = openBeforeAll(engine, () => CONTENT, 120_000);
  const understood = (query: string) => understandSearch(reader(), query, NOW, 0, 10);
  const typedAs = (query: string) => reader().search(query, NOW, 0, 10);

  it("counts without ranking when asked for no hits, the same total as a search", async () => {
    for (const query of ["클러스터", "가나가와 사이언스파크", "없는낱말", "일본 창업 지원", "ㄱㄴ"]) {
      const [count, search] = await Promise.all([reader().search(query, NOW, 0, 0), typedAs(query)]);
      expect(count.hits).toEqual([]);
      expect({ query, total: count.total }).toEqual({ query, total: search.total });
    }
  });

  it("finds the noun a particle or ending follows, ranked as the noun (80 generated queries)", async () => {
    const next = random(30);
    let cutToTheNoun = 0;
    for (let i = 0; i < 80; i++) {
      const noun = pick(HEADINGS, next);
      const query = noun + pick(PARTICLES, next);
      const typed = await typedAs(query);
      const result = await understood(query);
      if (typed.total > 0) {
        // The full form is in the text: searched as typed, never cut.
        expect({ query, searchedFor: result.searchedFor }).toEqual({ query, searchedFor: undefined });
        continue;
      }
      expect({ query, because: result.searchedFor?.because }).toEqual({ query, because: ["particle"] });
      const stem = result.searchedFor!.query;
      expect(particleStems(query)).toContain(stem);
      expect(idsOf(result)).toEqual(idsOf(await typedAs(stem)));
      if (stem === noun) cutToTheNoun++;
    }
    // The longer stems tried first are rarely words of the text (사이언스파크에서 before 사이언스파크).
    expect(cutToTheNoun).toBeGreaterThan(60);
  });

  it("never cuts a word that is in the text as typed, however it ends (가나가와, 아시아)", async () => {
    // Every word of the text that ends like a particle or ending: 클러스터는 is in the text as typed.
    const endingLikeParticles = [
      ...new Set(
        ARTICLES.flatMap((article) => `${article.title} ${article.plainText}`.normalize("NFC").split(/[^\p{L}\p{N}]+/u)),
      ),
    ].filter((word) => HANGUL_WORD.test(word) && particleStems(word).length > 0);
    expect(endingLikeParticles.length).toBeGreaterThan(100);
    const next = random(17);
    for (let i = 0; i < 60; i++) {
      const word = pick(endingLikeParticles, next);
      const result = await understood(word);
      expect({ word, searchedFor: result.searchedFor, total: result.total }).toEqual({
        word,
        searchedFor: undefined,
        total: (await typedAs(word)).total,
      });
    }
  });

  it("searches the heading whose 초성 the reader typed (every heading word's initials)", async () => {
    for (const word of HEADINGS.filter((w) => w.length >= 2).slice(0, 60)) {
      const initials = initialsOf(word);
      const result = await understood(initials);
      expect({ initials, because: result.searchedFor?.because }).toEqual({ initials, because: ["initials"] });
      expect(initialsOf(result.searchedFor!.query).startsWith(initials)).toBe(true);
      expect(result.total).toBeGreaterThan(0);
    }
  });

  it("searches Hangul typed with the keyboard in English as the Hangul, and says so", async () => {
    const next = random(7);
    for (let i = 0; i < 40; i++) {
      const word = pick(HEADINGS, next);
      const keys = convertHangulToQwerty(word);
      const result = await understood(keys);
      expect({ keys, searchedFor: result.searchedFor }).toEqual({ keys, searchedFor: { query: word, because: ["layout"] } });
      expect(idsOf(result)).toEqual(idsOf(await typedAs(word)));
      expect(rewriteLines(keys, result)[0]!.text).toContain("한/영 자판");
      // The link back searches the letters as typed, quoted: nothing converted.
      const asTyped = await understood(rewriteLines(keys, result)[0]!.link!.query);
      expect(asTyped.searchedFor).toBeUndefined();
    }
  });

  it("suggests the archive's word one jamo from a typo, and searches it when no other is as near", async () => {
    const next = random(11);
    const long = HEADINGS.filter((w) => w.length >= 3);
    let found = 0;
    let tried = 0;
    for (let i = 0; tried < 40 && i < 400; i++) {
      const word = pick(long, next);
      const typo = vowelTypo(word, next);
      if ((await typedAs(typo)).total > 0) continue;
      tried++;
      const result = await understood(typo);
      expect({ typo, suggestion: typeof result.suggestion }).toEqual({ typo, suggestion: "string" });
      expect(editDistance(jamoOf(typo), jamoOf(result.suggestion!))).toBeLessThanOrEqual(3);
      if (result.suggestion === word || result.related.includes(word)) found++;
      if (result.searchedFor) expect(result.total).toBeGreaterThan(0);
    }
    expect(tried).toBe(40);
    // The word meant is offered nearly always (another word may be as near: 미국 for 미극).
    expect(found).toBeGreaterThanOrEqual(36);
  });

  it("finds most of several words when no article holds them all, and says which were left out", async () => {
    const next = random(5);
    for (let i = 0; i < 20; i++) {
      const words = [pick(HEADINGS, next), pick(HEADINGS, next), "없는낱말이다"];
      const query = words.join(" ");
      const result = await understood(query);
      if ((await typedAs(query)).total > 0) continue;
      expect(result.leftOut).toContain("없는낱말이다");
      expect(result.total).toBeGreaterThan(0);
      expect(result.searchedFor?.because).toContain("fewer-words");
      for (const word of result.searchedFor!.query.split(" ")) expect(words).toContain(word);
    }
  });

  it("finds a headline's hanja abbreviation by its word, and searches the abbreviation as the word", async () => {
    expect(Object.keys(ABBREVIATIONS).length).toBeGreaterThan(5);
    let titled = 0;
    for (const [abbreviation, word] of Object.entries(ABBREVIATIONS)) {
      const holders = ARTICLES.filter((article) => article.headlineWords?.includes(word)).map((article) => article.slug);
      titled += holders.length;
      const byWord = idsOf(await reader().search(word, NOW, 0, 100));
      for (const slug of holders) expect({ word, found: byWord.includes(slug) }).toEqual({ word, found: true });
      const byAbbreviation = await understood(abbreviation);
      expect({ abbreviation, because: byAbbreviation.searchedFor?.because[0] }).toEqual({
        abbreviation,
        because: "abbreviation",
      });
      // A word the archive holds is searched as it is (one it does not goes on as any word would: 북한 → 북).
      if ((await typedAs(word)).total === 0) continue;
      expect({ abbreviation, searchedFor: byAbbreviation.searchedFor }).toEqual({
        abbreviation,
        searchedFor: { query: word, because: ["abbreviation"] },
      });
      expect(idsOf(byAbbreviation)).toEqual(idsOf(await typedAs(word)));
    }
    // The real articles' titles abbreviate 일본 (日 가나가와 사이언스 파크, 日 INS의 …).
    expect(titled).toBeGreaterThanOrEqual(2);
  });

  it("searches quoted words as typed: no particle cut, no conversion", async () => {
    for (const query of ['"아카데미가"', '"rkskrkdhk"', '"ㄱㄴㄱㅇ"']) {
      const result = await understood(query);
      expect({ query, searchedFor: result.searchedFor, total: result.total }).toEqual({
        query,
        searchedFor: undefined,
        total: 0,
      });
    }
  });

  it("keeps every odd query a query: jamo soup, emoji, mixed scripts, 1,000 characters", async () => {
    for (const query of [
      "ㅋㅋㅋㅋ",
      "ㅏㅏㅏ",
      "😀😀",
      "가나🙂가와",
      "ㄱㄴ가나",
      "x".repeat(1000),
      "가".repeat(1000),
      "qwerasdf",
      "ㄲㄸㅃ",
    ]) {
      const result = await understood(query);
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.leftOut.length + (result.searchedFor ? 1 : 0) + result.total).toBeGreaterThanOrEqual(0);
    }
    expect((await understood("ㅋㅋㅋㅋ")).total).toBe(0);
  });

  it("asks the engine a bounded number of times, whatever was typed", async () => {
    const counted = countingSearches(reader());
    const next = random(3);
    for (let i = 0; i < 30; i++) {
      counted.searches = 0;
      const query = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => pick(HEADINGS, next) + pick(["", "가", "의", "에서"], next),
      ).join(" ");
      await understandSearch(counted.reader, query + " 없는낱말", NOW, 0, 10);
      expect(counted.searches).toBeLessThanOrEqual(MAX_COUNTS + 3);
    }
  });

  // A query whose words find nothing together is answered by leaving words out, each step one search: what
  // was typed, counted again, or words counted and then searched for their page, cost a search twice.
  it("asks the engine about each query once, whatever words it leaves out", async () => {
    const counted = countingSearches(reader());
    const next = random(9);
    // Words of one or two articles each: a few of them rarely meet, and are left out one by one.
    const holders = new Map<string, Set<string>>();
    for (const article of ARTICLES)
      for (const word of article.plainText.split(/[^\p{L}]+/u).filter((word) => word.length >= 2))
        holders.set(word, (holders.get(word) ?? new Set()).add(article.slug));
    const rare = [...holders].filter(([, slugs]) => slugs.size <= 2).map(([word]) => word);
    let relaxed = 0;
    for (let i = 0; i < 30; i++) {
      counted.asked = [];
      const query = [...Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(rare, next)), "없는낱말"].join(" ");
      const result = await understandSearch(counted.reader, query, NOW, 0, 10);
      if (result.leftOut.length > 1) relaxed++;
      // Each query asked once; only a word counted to learn which is rarest is searched again, for its page.
      const asked = counted.asked.map((raw) => parseQuery(raw).display);
      const again = asked.filter((raw, at) => asked.indexOf(raw) !== at);
      expect(
        again.filter((raw) => raw.includes(" ") || again.indexOf(raw) !== again.lastIndexOf(raw)),
        query,
      ).toEqual([]);
    }
    expect(relaxed).toBeGreaterThan(3);
  });

  it("knows without a search that words of different few articles meet nowhere", async () => {
    // Twelve articles, each with a code of its own (as a reader pastes a number or a name) and one word
    // all hold: a query of three or four codes leaves all of them but one out, knowing two codes of
    // different articles meet nowhere from their articles, without a search of them together.
    const codes = Array.from({ length: 12 }, (_, i) => `${40_001 + i * 37}`);
    const archive = await engine.open({
      ...CONTENT,
      articles: sortIntoContentOrder(
        codes.map((code, i) =>
          makeArticle(`code-${i}`, {
            title: `공지 ${i}`,
            plainText: `공통어 기사 번호 ${code}. 본문 ${i}`,
            date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
          }),
        ),
      ),
    });
    try {
      const counted = countingSearches(archive.reader);
      const next = random(11);
      for (let i = 0; i < 12; i++) {
        const rare = [...codes].sort(() => next() - 0.5).slice(0, 3 + (i % 2));
        const query = [...rare, "공통어"].sort(() => next() - 0.5).join(" ");
        counted.asked = [];
        const result = await understandSearch(counted.reader, query, NOW, 0, 10);
        // All codes but one at most are left out, and what is kept is found.
        expect(rare.filter((code) => !result.leftOut.includes(code)).length, query).toBeLessThanOrEqual(1);
        expect(result.total, query).toBeGreaterThan(0);
        // What was typed is asked first; no later question holds two codes.
        const later = counted.asked.slice(1).map((raw) => parseQuery(raw).terms);
        expect(
          later.filter((terms) => rare.filter((code) => terms.includes(code)).length > 1),
          query,
        ).toEqual([]);
      }
    } finally {
      await archive.close();
    }
  });

  it("lets other requests in between its searches (each synchronous on SQLite)", async () => {
    const counted = countingSearches(reader());
    for (const query of [
      "가나가화 사이언스파그 없는낱말 아카데미가",
      "rkskrkdhk",
      "ㄱㄴㄱㅇ 없는낱말",
      "일본 과학단지 창업 지원",
    ]) {
      let turns = 0;
      let running = true;
      const tick = () => {
        if (!running) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      counted.searches = 0;
      await understandSearch(counted.reader, query, NOW, 0, 10);
      running = false;
      // Every search but the first starts after a turn of the event loop.
      expect({ query, turns: turns >= counted.searches - 1 }).toEqual({ query, turns: true });
      expect(counted.searches).toBeGreaterThan(2);
    }
  });
});

/** `reader` with its searches counted. */
function countingSearches(reader: ArchiveReader) {
  const counted = { searches: 0, reader, asked: [] as string[] };
  counted.reader = new Proxy(reader, {
    get: (target, key: keyof ArchiveReader) =>
      key === "search"
        ? (...args: Parameters<ArchiveReader["search"]>) => {
            counted.searches++;
            counted.asked.push(args[0]);
            return target.search(...args);
          }
        : typeof target[key] === "function"
          ? (target[key] as (...args: unknown[]) => unknown).bind(target)
          : target[key],
  });
  return counted;
}

describe("the vocabulary", () => {
  it("holds only what is published when the build runs: no draft's or scheduled article's word", async () => {
    const text = buildVocabulary([makeArticle("published", { title: "공개된 낱말", plainText: "공개된 본문" })]);
    expect(text).toContain("공개된");
    const reader = readModelInMemory({
      articles: [
        makeArticle("published", { title: "공개된 낱말", plainText: "공개된 본문" }),
        makeArticle("draft", { title: "비밀초안 낱말", plainText: "엠바고기사", draft: true }),
        makeArticle("scheduled", {
          title: "예약기사 낱말",
          plainText: "미래본문",
          date: new Date(NOW + 86_400_000).toISOString(),
        }),
      ],
      banners: [],
      publisher: undefined as never,
    });
    const vocabulary = await vocabularyOf(reader);
    expect(vocabulary.corrections("공개딘")[0]?.word).toBe("공개된");
    for (const secret of ["비밀초안", "엠바고기사", "예약기사", "미래본문"])
      expect(await reader.vocabulary()).not.toContain(secret);
    expect(vocabulary.corrections("비밀초앙")).toEqual([]);
    reader.db.close();
  });

  it("measures typos in jamo: one syllable off by one jamo is distance 1", () => {
    expect(editDistance(jamoOf("가나가화"), jamoOf("가나가와"))).toBe(1);
    expect(editDistance(jamoOf("캐피털리스트"), jamoOf("캐피탈리스트"))).toBe(1);
    expect(editDistance(jamoOf("재정자률화"), jamoOf("재정자율화"))).toBe(1);
    expect(editDistance(jamoOf("사이언스파그"), jamoOf("사이언스파크"))).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
  });

  it("suggests completions of a syllable still composing and headings by 초성", () => {
    const vocabulary = new Vocabulary(buildVocabulary(loadContent().articles));
    expect(vocabulary.completions("가나가", "ㅇ")[0]?.word).toBe("가나가와");
    expect(vocabulary.byInitials("ㄱㄴㄱㅇ")[0]?.word).toBe("가나가와");
    expect(vocabulary.byInitials("ㄱㅅㅇ").map((entry) => entry.word)).toContain("권성욱");
    expect(VOCABULARY.size).toBeGreaterThan(1000);
  });
});

describe("Hangul rules", () => {
  it("reads a syllable still composing as its certain part and the next syllable's first consonant", () => {
    expect(composingParts("가나강")).toEqual({ prefix: "가나가", next: "ㅇ" });
    expect(composingParts("가나가ㅇ")).toEqual({ prefix: "가나가", next: "ㅇ" });
    expect(composingParts("닭")).toBeUndefined();
    expect(composingParts("통닭")).toEqual({ prefix: "통달", next: "ㄱ" });
    expect(composingParts("가나가")).toBeUndefined();
  });

  it("converts only letters that spell whole syllables on the Korean keyboard", () => {
    expect(fromEnglishLayout("rkskrkdhk")).toBe("가나가와");
    expect(fromEnglishLayout("dhckd rhkgkr")).toBe("오창 과학");
    for (const query of ["ksp", "ins", "hello", "KAST", "가나", "rk!", "123"]) expect(fromEnglishLayout(query)).toBeUndefined();
  });

  it("cuts endings to nouns, longest noun first, never to nothing", () => {
    expect(particleStems("사이언스파크에서는")).toEqual(["사이언스파크에서", "사이언스파크"]);
    expect(particleStems("가")).toEqual([]);
    expect(particleStems("KAST는")).toEqual(["KAST"]);
  });
});

describe("PostgreSQL on a single connection", () => {
  it("never sends a query to a connection still running one (pg 9 refuses it), on every search path", async () => {
    const { schema, pool: syncPool, drop } = await postgresSchema();
    const source = readModelInMemory({ articles: loadContent().articles, banners: [], publisher: undefined as never });
    await syncReadModel(syncPool, source.db);
    source.db.close();
    const single = new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${schema}` });
    let running = 0;
    let most = 0;
    const patched = new WeakSet<pg.PoolClient>();
    single.on("acquire", (client: pg.PoolClient) => {
      if (patched.has(client)) return;
      patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as { query: unknown }).query = async (...args: unknown[]) => {
        most = Math.max(most, ++running);
        try {
          return await query(...args);
        } finally {
          running--;
        }
      };
    });
    try {
      // Every path: scored directly, walked (count beside the walk), four terms and more (count beside the
      // scoring), count only; longer terms read their words one by one.
      for (const tuning of [{}, { directScoringMax: 0 }]) {
        const reader = new PostgresArchiveReader(single, undefined, tuning);
        for (const query of [
          "가나가와",
          "가나가와 사이언스파크 클러스터",
          "일본 가나가와 사이언스파크 연구개발 클러스터",
          "오창과학산업단지",
        ])
          for (const limit of [10, 0]) await reader.search(query, NOW, 0, limit);
        await understandSearch(reader, "가나가화 아카데미가 rkskrkdhk", NOW, 0, 10);
      }
      expect(most).toBe(1);
    } finally {
      await single.end();
      await drop();
    }
  });
});
