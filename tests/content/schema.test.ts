import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readContent } from "@/lib/content";
import { ContentError } from "@/lib/content/problems";
import { article, writeContent } from "./fixtures/write-content";

function problemsOf(files: Record<string, string | Uint8Array>): string[] {
  try {
    readContent(writeContent(files));
  } catch (error) {
    if (error instanceof ContentError) return error.message.split("\n").slice(1).map((l) => l.replace(/^\s+- /, ""));
    throw error;
  }
  throw new Error("expected the content to be rejected");
}

describe("a valid article", () => {
  it("is read with its fields typed and a missing offset taken as Korean time", () => {
    const dir = writeContent({
      "articles/ochang-cluster.md": article({
        updated: '"2013-08-04 00:44:01"',
        tags: "[오창, 클러스터]",
        series: "혁신클러스터가 지역의 미래를 이끈다",
        seriesNo: "7",
      }),
    });
    const { articles } = readContent(dir);
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a?.slug).toBe("ochang-cluster");
    expect(a?.date).toBe("2008-11-09T19:59:40+09:00");
    expect(a?.updated).toBe("2013-08-04T00:44:01+09:00");
    expect(a?.tags).toEqual(["오창", "클러스터"]);
    expect(a?.kind).toBe("news");
    expect(a?.html).toContain("<p>본문 첫 문단입니다.</p>");
  });

  it("keeps an explicit UTC offset as the same instant in Korean time", () => {
    const { articles } = readContent(writeContent({ "articles/a.md": article({ date: "2008-11-09T10:59:40Z" }) }));
    expect(articles[0]?.date).toBe("2008-11-09T19:59:40+09:00");
  });

  it("reads the real content folder without problems", () => {
    const { articles } = readContent("content");
    expect(articles.map((a) => a.slug).sort()).toEqual([
      "ins-social-network-column",
      "kanagawa-science-park",
      "yoon-hyun-woo-sports-council-interview",
    ]);
  });
});

describe("a broken article stops the build with a message naming file, field and fix", () => {
  it("refuses an old address that is a live article's address, and keeps a renamed article's old one", () => {
    // The portal's server passes an existing article's address on one lookup, never asking for an alias.
    const problems = problemsOf({
      "articles/taken.md": article(),
      "articles/claims.md": article({ aliases: "[/articles/taken]" }),
    });
    expect(problems).toEqual([expect.stringMatching(/^articles\/claims\.md.*aliases.*"\/articles\/taken" is the address of articles\/taken\.md/)]);
    const [renamed] = readContent(writeContent({ "articles/renamed.md": article({ aliases: "[/articles/old-name]" }) })).articles;
    expect(renamed!.aliases).toEqual(["/articles/old-name"]);
  });

  it("reports a missing title with the line to add", () => {
    const [problem] = problemsOf({ "articles/no-title.md": article({ title: "" }) });
    expect(problem).toMatch(/^articles\/no-title\.md: field "title" is missing\. Add a line such as `title: /);
  });

  it("reports a missing section and a missing date together", () => {
    const problems = problemsOf({ "articles/bare.md": article({ section: "", date: "" }) });
    expect(problems.some((p) => p.includes('field "date" is missing'))).toBe(true);
    expect(problems.some((p) => p.includes('field "section"') && p.includes("economy"))).toBe(true);
  });

  it("reports a mistyped field with its line", () => {
    const [problem] = problemsOf({ "articles/typed.md": article({ seriesNo: '"일곱"', series: "연재" }) });
    expect(problem).toBe('articles/typed.md:5: field "seriesNo" must be a whole number, as in `seriesNo: 7`.');
  });

  it("reports an impossible date", () => {
    const [problem] = problemsOf({ "articles/feb.md": article({ date: '"2008-02-30"' }) });
    expect(problem).toContain('field "date" "2008-02-30" is not a real date');
  });

  it("reports a date it cannot read, with the accepted forms", () => {
    const [problem] = problemsOf({ "articles/words.md": article({ date: "어제" }) });
    expect(problem).toContain("is not a date in a form we read");
    expect(problem).toContain("2008-11-09T19:59:40+09:00");
  });

  it("reports an unknown field, such as a misspelling", () => {
    const [problem] = problemsOf({ "articles/typo.md": article({ tilte: "제목" }) });
    expect(problem).toMatch(/^articles\/typo\.md:\d+: field "tilte" is not a frontmatter field we know/);
  });

  it("reports a misspelt required field as the one cause, with the field it meant and its line", () => {
    const problems = problemsOf({ "articles/typo.md": article({ section: "", sectoin: "economy" }) });
    expect(problems).toEqual(['articles/typo.md:4: field "sectoin" is not a frontmatter field we know. Did you mean "section"? Rename it to `section:`.']);
  });

  it("suggests the field an optional misspelling meant, and nothing for a field unlike any", () => {
    const problems = problemsOf({ "articles/typo.md": article({ sumary: '"요약"', colour: "red" }) });
    expect(problems[0]).toContain('field "sumary" is not a frontmatter field we know. Did you mean "summary"?');
    expect(problems[1]).toMatch(/field "colour" is not a frontmatter field we know\. Check its spelling/);
  });

  it("reports a YAML syntax error with its line in the file", () => {
    const text = '---\ntitle: 제목\ndate: "2008-11-09"\nsection: economy\ntags: [오창, 클러스터\n---\n\n본문\n';
    const [problem] = problemsOf({ "articles/yaml.md": text });
    // Line 5 is the unclosed list.
    expect(problem).toMatch(/^articles\/yaml\.md:5: has a YAML syntax error in its frontmatter: .*Check indentation/);
  });

  it("reports a duplicated key in the frontmatter", () => {
    const text = '---\ntitle: 하나\ntitle: 둘\ndate: "2008-11-09"\nsection: economy\n---\n\n본문\n';
    expect(problemsOf({ "articles/dup-key.md": text })[0]).toMatch(/yaml syntax error.*unique/i);
  });

  it("reports two files with the same slug", () => {
    const problems = problemsOf({ "articles/2008/same.md": article(), "articles/2009/same.md": article() });
    expect(problems[0]).toContain('articles/2009/same.md: has the same slug "same" as articles/2008/same.md');
  });

  it("detects a file saved in CP949/EUC-KR and says how to re-save it", () => {
    const bytes = iconv.encode(article(), "cp949");
    const [problem] = problemsOf({ "articles/cp949.md": bytes });
    expect(problem).toContain("articles/cp949.md: is saved in CP949/EUC-KR");
    expect(problem).toContain("UTF-8");
  });

  it("refuses bytes that are no text at all", () => {
    expect(problemsOf({ "articles/binary.md": new Uint8Array([0xff, 0xfe, 0x00, 0x41]) })[0]).toContain("binary file");
  });

  it("refuses an oversized file", () => {
    const [problem] = problemsOf({ "articles/huge.md": article({}, "가".repeat(200_000)) });
    expect(problem).toContain("over the 512 KB limit");
  });

  it("refuses a body the search index cannot hold (random syllables), and keeps long prose", () => {
    let seed = 7;
    const syllable = () => 0xac00 + ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % 11172;
    const syllables = Array.from({ length: 160_000 }, () => String.fromCharCode(syllable())).join("");
    const [problem] = problemsOf({ "articles/noise.md": article({}, syllables) });
    expect(problem).toMatch(/^articles\/noise\.md: field "body" holds too many distinct pairs of characters/);
    const prose = "충북 오창 과학산업단지에 입주한 기업들이 연구소와 손잡고 새 제품을 만든다. ".repeat(3000);
    expect(readContent(writeContent({ "articles/long.md": article({}, prose) })).articles).toHaveLength(1);
  });

  it("refuses a file name that is not an ASCII slug, and an article with the wrong extension", () => {
    const problems = problemsOf({ "articles/가나가와.md": article(), "articles/notes.markdown": article() });
    expect(problems).toContainEqual(expect.stringContaining('file name "가나가와" is not a URL slug'));
    expect(problems).toContainEqual(expect.stringContaining("articles/notes.markdown: is not a .md file"));
  });

  it("reports a file without frontmatter", () => {
    expect(problemsOf({ "articles/plain.md": "제목 없는 글\n" })[0]).toContain("has no frontmatter");
  });

  it("sends an editor to a broken article's own problem, not to references that call it missing", () => {
    const problems = problemsOf({
      "articles/a.md": article({ related: "[broken]", column: "broken-column" }),
      "articles/broken.md": article({ date: '"2008-02-30"' }),
      "articles/broken-column.md": article({ kind: "column", sectoin: "economy" }),
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^articles\/broken-column\.md:\d+: field "sectoin"/);
    expect(problems[1]).toMatch(/^articles\/broken\.md:3: field "date"/);
  });

  it("reports related and column references to articles that do not exist, at their lines", () => {
    const problems = problemsOf({ "articles/a.md": article({ related: "[ghost]", column: "phantom" }) });
    expect(problems).toContainEqual(
      'articles/a.md:5: field "related" names "ghost", but no articles/ghost.md exists. Write the name of a file in articles/ (without .md).',
    );
    expect(problems).toContainEqual(
      'articles/a.md:6: field "column" names "phantom", but no articles/phantom.md exists. Write the name of a file in articles/ (without .md).',
    );
  });

  it("points a mistyped reference at its own line, with the article most likely meant", () => {
    const problems = problemsOf({
      "articles/kanagawa-science-park.md": article(),
      "articles/ins-social-network-column.md": article({ kind: "column" }),
      // A block list: each slug on its own line, the typo on the second.
      "articles/a.md": article({ related: "\n  - kanagawa-science-park\n  - kanagawa-sceince-park", column: "ins-social-netwrok-column" }),
    });
    expect(problems).toEqual([
      'articles/a.md:7: field "related" names "kanagawa-sceince-park", but no articles/kanagawa-sceince-park.md exists. Did you mean "kanagawa-science-park"? Change it to "kanagawa-science-park".',
      'articles/a.md:8: field "column" names "ins-social-netwrok-column", but no articles/ins-social-netwrok-column.md exists. Did you mean "ins-social-network-column"? Change it to "ins-social-network-column".',
    ]);
  });

  it("points a wrong old address at its line in the list", () => {
    const problems = problemsOf({
      "articles/taken.md": article(),
      "articles/claims.md": article({ aliases: "\n  - /news/articleView.html?idxno=1\n  - /articles/taken" }),
    });
    expect(problems).toEqual([expect.stringMatching(/^articles\/claims\.md:7: field "aliases" "\/articles\/taken" is the address of/)]);
  });

  it("reports a photo missing from content/images/ and an image without alt text, at its line in the file", () => {
    const problems = problemsOf({ "articles/img.md": article({}, "![](/images/missing.png)\n\n![자리표시](/images/none.svg)\n") });
    expect(problems).toContainEqual(expect.stringContaining('articles/img.md:7: field "body" image "/images/missing.png" has no alt text'));
    expect(problems).toContainEqual(
      expect.stringContaining('articles/img.md:7: field "body" image: "/images/missing.png" does not exist as content/images/missing.png.'),
    );
    expect(problems).toContainEqual('articles/img.md:9: field "body" image: "/images/none.svg" does not exist under public/.');
  });

  it("reports updated earlier than date", () => {
    const [problem] = problemsOf({ "articles/time.md": article({ updated: '"2001-01-01"' }) });
    expect(problem).toContain('field "updated" is earlier than `date`');
  });

  it("lists every broken file, not only the first", () => {
    const problems = problemsOf({ "articles/one.md": article({ title: "" }), "articles/two.md": article({ section: "weather" }) });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["articles/one.md", "articles/two.md"]);
  });
});

describe("banners.yaml", () => {
  it("reports a banner with a bad slot and a javascript: link", () => {
    const yaml = `banners:\n  - slot: top\n    image: { src: /banners/house-top-1.svg, alt: 배너, width: 300, height: 250 }\n    link: "javascript:alert(1)"\n    start: "2020-01-01"\n    end: "2030-01-01"\n`;
    const problems = problemsOf({ "articles/a.md": article(), "banners.yaml": yaml });
    expect(problems).toContainEqual(expect.stringMatching(/^banners\.yaml:\d+: field "banners\.0\.slot" must be one of/));
    expect(problems).toContainEqual(expect.stringMatching(/^banners\.yaml:\d+: field "banners\.0\.link" must be an http\(s\) address/));
  });
});

describe("search-abbreviations.yaml", () => {
  it("gives each article the words its title's abbreviations stand for, and no other article a new object", () => {
    const yaml = "abbreviations:\n  日: 일본\n  美: 미국\n";
    const { articles, abbreviations } = readContent(
      writeContent({ "articles/a.md": article({ title: "日 과학단지" }), "articles/b.md": article(), "search-abbreviations.yaml": yaml }),
    );
    expect(abbreviations).toEqual({ 日: "일본", 美: "미국" });
    expect(articles.find((a) => a.slug === "a")?.headlineWords).toEqual(["일본"]);
    expect(articles.find((a) => a.slug === "b")?.headlineWords).toBeUndefined();
  });

  it("names the file, the line and the entry of a bad abbreviation, and how to write it", () => {
    const yaml = "abbreviations:\n  日: 일본\n  日本國: Japan\n  大韓民國: 한국\n";
    const problems = problemsOf({ "articles/a.md": article(), "search-abbreviations.yaml": yaml });
    expect(problems).toContainEqual(expect.stringMatching(/^search-abbreviations\.yaml:3: field "abbreviations\.日本國" must be one Korean word/));
    expect(problems).toContainEqual(expect.stringMatching(/^search-abbreviations\.yaml:\d+: field "abbreviations\.大韓民國" must map an abbreviation of one to three characters/));
  });
});

it("throws a ContentError, which the build prints, rather than returning partial content", () => {
  expect(() => readContent(writeContent({ "articles/ok.md": article(), "articles/bad.md": article({ title: "" }) }))).toThrow(ContentError);
});

describe("corrections (정정·반론보도)", () => {
  const corrected = (lines: string) => article({ corrections: `\n${lines}` });

  it("are read with their kind (정정보도 by default) and move dateModified to the newest", () => {
    const dir = writeContent({
      "articles/fixed.md": corrected('  - date: "2008-11-12 10:00:00"\n    text: 바로잡습니다.\n  - date: 2008-11-20\n    kind: reply\n    text: 반론입니다.'),
    });
    const [fixed] = readContent(dir).articles;
    expect(fixed?.corrections).toEqual([
      { date: "2008-11-12T10:00:00+09:00", kind: "correction", text: "바로잡습니다." },
      { date: "2008-11-20T00:00:00+09:00", kind: "reply", text: "반론입니다." },
    ]);
    expect(fixed?.lastModified).toBe("2008-11-20T00:00:00+09:00");
  });

  it("refuse an unknown kind, an empty text and a date before the article's", () => {
    const problems = problemsOf({
      "articles/bad.md": corrected('  - date: "2008-11-12"\n    kind: apology\n    text: ""'),
    }).join("\n");
    expect(problems).toContain('field "corrections.0.kind" must be one of: correction, reply, followup');
    expect(problems).toContain('field "corrections.0.text" is empty');
    const [early] = problemsOf({ "articles/early.md": corrected('  - date: "2008-11-01"\n    text: 바로잡습니다.') });
    expect(early).toContain('field "corrections.0.date" is earlier than `date`');
  });
});
