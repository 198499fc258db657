// npm run indexnow after a deploy: new and changed article URLs go to IndexNow once, against a local
// endpoint that records what it was sent (the real ones are out of reach here).
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const received: { url?: string; body: Record<string, unknown> }[] = [];
let endpoint: http.Server;
let status = 200;

beforeAll(async () => {
  endpoint = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ url: req.url, body: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
});
afterAll(() => endpoint.close());

it("submits every published article once, then only what changed, and retries after a refusal", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "indexnow-"));
  fs.cpSync(path.resolve("tests/site/fixture-content"), path.join(dir, "content"), { recursive: true });
  // Not spawnSync: the recording endpoint lives in this process and must answer while the script runs.
  const run = () =>
    new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/indexnow.ts"], { env: runEnv });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stdout += chunk));
      child.on("exit", (status) => resolve({ status, stdout }));
    });
  const runEnv = {
    ...process.env,
    CONTENT_DIR: path.join(dir, "content"),
        SITE_URL: "https://news.example.kr",
        INDEXNOW_KEY: "fixture-key-1234",
        INDEXNOW_ENDPOINT: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/indexnow`,
        INDEXNOW_STATE: path.join(dir, "state.json"),
  };

  expect((await run()).status).toBe(0);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({
    url: "/indexnow",
    body: { host: "news.example.kr", key: "fixture-key-1234", keyLocation: "https://news.example.kr/indexnow-key.txt" },
  });
  const urls = received[0]!.body.urlList as string[];
  expect(urls).toContain("https://news.example.kr/articles/cluster-visit");
  expect(urls.some((u) => u.includes("unfinished-draft") || u.includes("scheduled-story"))).toBe(false);

  expect((await run()).stdout).toContain("nothing new or changed");
  expect(received).toHaveLength(1);

  const note = path.join(dir, "content", "articles", "sports-note.md");
  fs.writeFileSync(note, fs.readFileSync(note, "utf8").replace("section: sports", 'section: sports\nupdated: "2026-01-01 09:00:00"'));
  status = 500;
  expect((await run()).status).toBe(1);
  status = 202;
  expect((await run()).status).toBe(0);
  expect(received.at(-1)!.body.urlList).toEqual(["https://news.example.kr/articles/sports-note"]);
  fs.rmSync(dir, { recursive: true, force: true });
});
