// The statutory notices (content/publisher.yaml): a missing file, an empty notice or sample values in a
// build for a public address stop the build, naming the file, the line, the field and the fix.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readContent } from "@/lib/content";
import { ContentError } from "@/lib/content/problems";
import { writeContent } from "./fixtures/write-content";

function problems(files: Record<string, string | null>): string {
  try {
    readContent(writeContent(files));
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  return "";
}

const real = `sample: false
title: 시험일보
registrationNumber: 충북 아99999
registrationDate: "2001-02-03"
publisher: 김발행
editor: 이편집
address: 충청북도 청주시 시험로 1
phone: 043-123-4567
firstPublished: "2001-03-04"
youthProtectionOfficer:
  name: 박보호
  contact: youth@example.kr
`;

describe("publisher.yaml", () => {
  it("is read with every notice", () => {
    expect(readContent(writeContent({ "publisher.yaml": real })).publisher).toMatchObject({
      title: "시험일보",
      youthProtectionOfficer: { name: "박보호", contact: "youth@example.kr" },
    });
  });

  it("stops the build when it is missing", () => {
    expect(problems({ "publisher.yaml": null })).toMatch(/publisher\.yaml: is missing\. .*청소년보호책임자/);
  });

  it("stops the build on an empty or missing notice, naming its line and field", () => {
    expect(problems({ "publisher.yaml": real.replace("editor: 이편집", 'editor: ""') })).toContain(
      'publisher.yaml:6: field "editor" is empty: write the editor\'s name (편집인).',
    );
    expect(problems({ "publisher.yaml": real.replace(/youthProtectionOfficer:[\s\S]*/, "") })).toContain(
      'field "youthProtectionOfficer"',
    );
    expect(problems({ "publisher.yaml": real.replace('"2001-02-03"', "2001년") })).toMatch(/registrationDate.*2008-01-31/);
  });

  it("refuses the shipped sample values in a build for a public address, and allows them locally", () => {
    const dir = writeContent({});
    const check = (siteUrl: string) =>
      spawnSync("npx", ["tsx", "scripts/content-check.ts"], { env: { ...process.env, CONTENT_DIR: dir, SITE_URL: siteUrl }, encoding: "utf8" });
    const production = check("https://www.example.kr");
    expect(production.status).toBe(1);
    expect(production.stderr).toMatch(/publisher\.yaml:\d+: field "sample" still holds the sample values/);
    expect(check("http://localhost:3000").status).toBe(0);
  });
});
