// Publishing while serving, as an editor does it: with the server running, add an article, change another,
// run `npm run build`, then restart. Whatever the running server is asked meanwhile, the restarted one
// serves the new build whole: the new article, the changed text, no 404 left behind by the old server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { buildSite, startServer, type RunningServer } from "../../scripts/lib/next-server";

const slot = ".next-test-publish";
const content = fs.mkdtempSync(path.join(os.tmpdir(), "portal-publish-"));
const env = { ...inject("siteEnv"), DATABASE_URL: path.join(content, "portal.db") };
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  for (const dir of [slot, `${slot}-builds`, `${slot}-staging`]) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(content, { recursive: true, force: true });
});

const get = async (base: string, pathname: string) => {
  const response = await fetch(base + pathname, { redirect: "manual" });
  return { status: response.status, html: await response.text() };
};

it("an article added and one changed while the site serves are both live after build and restart", async () => {
  fs.cpSync(path.resolve("tests/site/fixture-content"), content, { recursive: true });
  const first = buildSite(content, slot, env);
  expect(first.status, first.output).toBe(0);
  // A newsroom's build reports to no third party unless someone turns it on.
  expect(first.output).not.toMatch(/telemetry/i);
  server = await startServer(content, slot, env);
  const before = await get(server.url, "/articles/sports-note");
  expect(before.html).toContain("체육 소식 본문이다.");

  fs.writeFileSync(
    path.join(content, "articles", "published-later.md"),
    `---\ntitle: 서버가 도는 동안 쓴 기사\ndate: "2026-11-20 10:00:00"\nsection: society\n---\n\n빌드 뒤에 올라온 기사 본문.\n`,
  );
  const note = path.join(content, "articles", "sports-note.md");
  fs.writeFileSync(
    note,
    fs.readFileSync(note, "utf8").replace("체육 소식 본문이다.", "체육 소식 본문이다. 고친 문장이 들어갔다."),
  );
  const second = buildSite(content, slot, env);
  expect(second.status, second.output).toBe(0);

  // The old server keeps serving its own build, consistently, however often it is asked.
  for (let i = 0; i < 3; i++) {
    expect((await get(server.url, "/articles/published-later")).status).toBe(404);
    expect((await get(server.url, "/articles/sports-note")).html).not.toContain("고친 문장이 들어갔다.");
  }

  await server.stop();
  server = await startServer(content, slot, env);
  for (let i = 0; i < 3; i++) {
    const added = await get(server.url, "/articles/published-later");
    expect(added.status).toBe(200);
    expect(added.html).toContain("빌드 뒤에 올라온 기사 본문.");
    expect((await get(server.url, "/articles/sports-note")).html).toContain("고친 문장이 들어갔다.");
  }
  expect((await get(server.url, "/")).html).toContain("서버가 도는 동안 쓴 기사");
}, 400_000);
