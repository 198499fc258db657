// A broken file must stop `npm run build` before anything is published, naming the file and field.
import { expect, it } from "vitest";
import { article, writeContent } from "../content/fixtures/write-content";
import { buildSite } from "../../scripts/lib/next-server";

it("npm run build fails with the file, line, field and fix when an article is broken", () => {
  const dir = writeContent({
    "articles/good.md": article(),
    "articles/bad-date.md": article({ date: '"2008-02-30"' }),
  });
  const result = buildSite(dir, ".next-test-broken");
  expect(result.status).not.toBe(0);
  expect(result.output).toContain('articles/bad-date.md:3: field "date" "2008-02-30" is not a real date');
  expect(result.output).not.toContain("Creating an optimized production build");
}, 120_000);
