// A broken file must stop `npm run build` before anything is published, naming the file and field.
import { expect, it } from "vitest";
import { article, writeContent } from "../content/fixtures/write-content";
import { buildSite } from "../../scripts/lib/next-server";

it("npm run build fails with the file, line, field and fix, in Korean, when an article is broken", () => {
  const dir = writeContent({
    "articles/good.md": article(),
    "articles/bad-date.md": article({ date: '"2008-02-30"' }),
  });
  // The editors' language, as a newsroom's build runs (the suite itself asks for English messages).
  const result = buildSite(dir, ".next-test-broken", { CONTENT_MESSAGES: "ko" });
  expect(result.status).not.toBe(0);
  expect(result.output).toContain("콘텐츠에 문제가 1건 있어 아무것도 출고하지 않았습니다");
  expect(result.output).toContain('articles/bad-date.md:3: 항목 "date": "2008-02-30"은(는) 있을 수 없는 날짜나 시각입니다');
  expect(result.output).not.toContain("Creating an optimized production build");
}, 120_000);
