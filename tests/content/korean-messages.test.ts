// Editors are Korean: every message content:check and the build give them is Korean by default, names the
// line where the file has one, and still says the cause and the fix. (The rest of the suite asserts the
// English messages, CONTENT_MESSAGES=en, vitest.config.mts.)
import { spawnSync } from "node:child_process";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { article, writeContent } from "./fixtures/write-content";

/** One file for every kind of problem the content reader reports. */
const BROKEN: Record<string, string | Uint8Array> = {
  "articles/no-title.md": article({ title: "" }),
  "articles/bad-date.md": article({ date: '"2008-02-30"' }),
  "articles/odd-date.md": article({ date: "어제" }),
  "articles/misspelt.md": article({ sectoin: "economy", section: "" }),
  "articles/unknown-field.md": article({ colour: "red" }),
  "articles/bad-kind.md": article({ kind: "story" }),
  "articles/bad-lists.md": article({ tags: "오창", related: "nope" }),
  "articles/nested.md": article({ authors: "\n  - name: 가\n    phone: 1" }),
  "articles/bad-email.md": article({ authors: "\n  - name: 가\n    email: nowhere" }),
  "articles/long-summary.md": article({ summary: "가".repeat(301) }),
  "articles/long-tag.md": article({ tags: `[${"가".repeat(31)}]` }),
  "articles/series-no.md": article({ seriesNo: "3" }),
  "articles/early-update.md": article({ updated: '"2001-01-01"' }),
  "articles/flag.md": article({ draft: '"yes"' }),
  "articles/correction.md": article({ corrections: '\n  - date: "2001-01-01"\n    kind: apology\n    text: ""' }),
  "articles/alias.md": article({ aliases: "[news/1]" }),
  "articles/own-alias.md": article({ aliases: "[/articles/own-alias]" }),
  "articles/image.md": article({ image: "{ src: photo.gif, alt: 사진, width: wide, height: 1 }" }),
  "articles/missing-lead.md": article({ image: "{ src: /images/none.jpg, alt: 사진, width: 10, height: 10 }" }),
  "articles/refs.md": article({ related: "[refs, ghost]", column: "phantom" }),
  "articles/not-column.md": article({ column: "refs" }),
  "articles/body-images.md": article({}, "첫 문단.\n\n![](/images/none.jpg)\n"),
  "articles/template.md": article({ title: "제목을 입력하세요" }),
  "articles/no-body.md": article({}, ""),
  "articles/no-frontmatter.md": "제목 없는 글\n",
  "articles/yaml.md": "---\ntitle: 제목: 부제\ndate: 2008-11-09\n---\n\n본문\n",
  "articles/list.md": "---\n- a\n---\n\n본문\n",
  "articles/cp949.md": iconv.encode(article(), "cp949"),
  "articles/binary.md": new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
  "articles/latin1.md": new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]),
  "articles/huge.md": article({}, "가".repeat(200_000)),
  "articles/가나.md": article(),
  "articles/2009/refs.md": article(),
  "articles/notes.markdown": "",
  "banners.yaml": "banners:\n  - slot: top\n    image: { src: /none.svg, alt: 배너, width: 300, height: 250 }\n    link: javascript:alert(1)\n    start: 2020-01-01\n    end: 2030-01-01\n",
  "publisher.yaml": "sample: maybe\ntitle: 충북일보\nregistrationNumber: ''\nregistrationDate: 2008/01/01\nyouthProtectionOfficer: { name: 홍길동 }\n",
};

/** An English sentence: three Latin words in a row, outside code, quotes, file names and the YAML library's words. */
function englishLeftOver(message: string): string | undefined {
  const stripped = message
    .replace(/\(YAML: [^)]*\)/g, "")
    .replace(/`[^`]*`/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\([\x20-\x7e]*\)/g, "")
    .replace(/[\w./-]+\.(?:md|yaml|markdown|svg|jpg|png)\b/g, "");
  return stripped.match(/\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/)?.[0];
}

let problems: { file: string; line?: number; field?: string; message: string }[] = [];
let printed = "";

beforeAll(async () => {
  // Korean is the default: the modules read CONTENT_MESSAGES once, when first loaded.
  vi.stubEnv("CONTENT_MESSAGES", "");
  vi.resetModules();
  const { readContent } = await import("@/lib/content");
  const { ContentError } = await import("@/lib/content/problems");
  try {
    readContent(writeContent(BROKEN));
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems = error.problems;
    printed = error.message;
  }
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("editors' messages, in Korean by default", () => {
  it("are reported for every broken file, none dropped", () => {
    const files = new Set(problems.map((p) => p.file));
    // articles/2009/refs.md is valid: the other refs.md is the one reported as sharing its address.
    for (const name of Object.keys(BROKEN).filter((name) => name !== "articles/2009/refs.md")) expect(files, name).toContain(name);
  });

  it("are all Korean: no English sentence is left in any of them", () => {
    expect(problems.length).toBeGreaterThan(40);
    for (const problem of problems) {
      expect(problem.message, problem.file).toMatch(/[가-힣]/);
      expect(englishLeftOver(problem.message), `${problem.file}: ${problem.message}`).toBeUndefined();
    }
    expect(printed.split("\n")[0]).toBe(`콘텐츠에 문제가 ${problems.length}건 있어 아무것도 출고하지 않았습니다:`);
  });

  it("name the line of every problem about a field that the file holds", () => {
    for (const problem of problems) {
      if (!problem.field || !problem.file.endsWith(".md")) continue;
      // Fields missing from the file have no line of their own; references found across files do.
      const missing = /없습니다\. 머리말/.test(problem.message);
      if (!missing) expect(problem.line, `${problem.file} ${problem.field}: ${problem.message}`).toBeGreaterThan(0);
    }
    const banners = problems.filter((p) => p.file === "banners.yaml");
    expect(banners.length).toBeGreaterThanOrEqual(2);
    for (const problem of banners) expect(problem.line, problem.message).toBeGreaterThan(0);
  });

  it("say the real cause and the fix, joined to the field as Korean reads", () => {
    expect(printed).toContain(
      'articles/misspelt.md:4: 항목 "sectoin"은(는) 머리말에 쓸 수 있는 항목이 아닙니다. "section"을(를) 잘못 쓴 것 같습니다. `sectoin:`을(를) `section:`(으)로 고치세요.',
    );
    expect(printed).not.toMatch(/articles\/misspelt\.md[^\n]*항목 "section"/);
    expect(printed).toContain('articles/bad-date.md:3: 항목 "date": "2008-02-30"은(는) 있을 수 없는 날짜나 시각입니다');
    expect(printed).toContain('articles/no-title.md: 항목 "title"이(가) 없습니다. 머리말(frontmatter)에 `title: 기사 제목` 같은 줄을 넣으세요.');
    expect(printed).toContain('articles/nested.md:7: 항목 "authors.0"에 모르는 항목이 있습니다(쓸 수 있는 항목: name, title, role, affiliation, email). 모르는 항목: phone');
    expect(printed).toMatch(/publisher\.yaml:1: 항목 "sample"은\(는\) true 또는 false입니다/);
    expect(printed).toMatch(/publisher\.yaml:5: 항목 "youthProtectionOfficer\.contact"이\(가\) 없습니다\. 적을 내용: 청소년보호책임자 연락처/);
    expect(printed).toMatch(/articles\/cp949\.md: UTF-8이 아니라 CP949\/EUC-KR/);
    expect(printed).toMatch(/articles\/yaml\.md:2: 머리말에 YAML 문법 오류가 있습니다: 한 줄에 콜론\(:\)이 둘 있습니다/);
    expect(printed).toMatch(/articles\/body-images\.md:9: 항목 "body"의 그림 "\/images\/none\.jpg"에 대체 텍스트\(alt\)가 없습니다/);
    // A lead photo's path says where an editor's photo goes (content/images/), not only public/.
    expect(printed).toMatch(/articles\/image\.md:\d+: 항목 "image\.src"은\(는\) 사진이면 content\/images\/에 넣고 `\/images\/파일이름\.jpg`처럼/);
    // A space in a photo's name (현장 사진.jpg, as cameras and phones are renamed) is named as the cause.
    expect(printed).toMatch(/articles\/image\.md:\d+: 항목 "image\.src".*띄어쓰기 없이\(파일 이름의 빈칸은 -나 _로 바꾸세요\)/);
    expect(printed).toMatch(/articles\/template\.md:2: 항목 "title"에 `npm run content:new`가 넣은 본보기 글 "제목을 입력하세요"이\(가\) 그대로 있습니다/);
  });
});

describe("the switch for developers", () => {
  it("gives the same problems in English with CONTENT_MESSAGES=en, from content:check", () => {
    const dir = writeContent({ "articles/misspelt.md": article({ sectoin: "economy", section: "" }) });
    const run = (language: string) =>
      spawnSync("npm", ["run", "--silent", "content:check"], { env: { ...process.env, CONTENT_DIR: dir, CONTENT_MESSAGES: language }, encoding: "utf8" });
    const english = run("en");
    expect(english.status).toBe(1);
    expect(english.stderr).toContain('articles/misspelt.md:4: field "sectoin" is not a frontmatter field we know. Did you mean "section"?');
    const korean = run("ko");
    expect(korean.status).toBe(1);
    expect(korean.stderr).toContain('articles/misspelt.md:4: 항목 "sectoin"은(는) 머리말에 쓸 수 있는 항목이 아닙니다.');
    const wrong = run("de");
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('CONTENT_MESSAGES must be ko or en, got "de"');
  });
});
