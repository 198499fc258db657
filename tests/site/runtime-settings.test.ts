// Build once, configure at start: a second server from the fixture build, started with other settings,
// uses them (admin token, database, proxy hops), and refuses to start with a SITE_URL the build did not bake.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { engagementService } from "@/lib/engagement/service";
import { freePort, startServer, type RunningServer } from "../../scripts/lib/next-server";

const dist = ".next-test-settings";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-settings-"));
const database = path.join(dir, "other.db");
const START_TOKEN = "token-set-only-at-start-and-long-enough";
let server: RunningServer;

beforeAll(async () => {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.cpSync(inject("siteDistDir"), dist, { recursive: true, dereference: true });
  // A comment already in this server's database before it starts: its pages must show it, although the
  // build prerendered them against another database.
  const db = await openDatabase({ engine: "sqlite", file: database });
  await engagementService(db).postComment(
    "sports-note",
    { nickname: "먼저", body: "시작 전부터 있던 댓글", password: "pass1234" },
    "seed",
  );
  await db.close();
  server = await startServer(inject("siteContentDir"), dist, {
    ...inject("siteEnv"),
    ADMIN_TOKEN: START_TOKEN,
    DATABASE_URL: database,
    TRUSTED_PROXY_HOPS: "0",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

it("uses the admin token given at start: /admin logs in with it", async () => {
  const login = await fetch(`${server.url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `token=${START_TOKEN}`,
    redirect: "manual",
  });
  expect(login.status).toBe(303);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const admin = await fetch(`${server.url}/admin`, { headers: { cookie } });
  expect(admin.status).toBe(200);
  expect(await admin.text()).toContain("신고된 댓글");
});

it("shows the comments of the database given at start on prerendered pages", async () => {
  const html = await (await fetch(`${server.url}/articles/sports-note`)).text();
  expect(html).toContain("시작 전부터 있던 댓글");
});

it("with TRUSTED_PROXY_HOPS=0 counts the socket address, whatever X-Forwarded-For a client writes", async () => {
  const post = (ip: string, body: string) =>
    fetch(`${server.url}/api/articles/sports-note/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ nickname: "우회", body, password: "pass1234" }),
    });
  expect((await post("203.0.113.1", "첫 댓글")).status).toBe(201);
  expect((await post("203.0.113.2", "주소를 바꾼 둘째 댓글")).status).toBe(429);
  const listed = (await (await fetch(`${server.url}/api/articles/sports-note/comments`)).json()) as {
    comments: { id: number; body: string }[];
  };
  const target = listed.comments.find((c) => c.body === "첫 댓글")!;
  for (const ip of ["198.18.0.1", "198.18.0.2", "198.18.0.3"]) {
    const report = await fetch(`${server.url}/api/comments/${target.id}/report`, {
      method: "POST",
      headers: { "x-forwarded-for": ip },
    });
    expect(await report.json()).toEqual({ hidden: false });
  }
});

it("listens on 127.0.0.1 unless told otherwise", async () => {
  const port = await freePort();
  const child = spawn("node", ["scripts/start.mjs", "-p", String(port)], {
    env: {
      ...process.env,
      ...inject("siteEnv"),
      CONTENT_DIR: inject("siteContentDir"),
      NEXT_DIST_DIR: dist,
      DATABASE_URL: database,
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    let listening: string[] = [];
    for (let i = 0; i < 100 && listening.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // /proc/net/tcp{,6}: local address as hex "ADDR:PORT", state 0A is LISTEN.
      listening = ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) =>
        fs
          .readFileSync(file, "utf8")
          .split("\n")
          .map((line) => line.trim().split(/\s+/))
          .filter((cols) => cols[3] === "0A" && cols[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, "0")}`))
          .map((cols) => cols[1]!.split(":")[0]!),
      );
    }
    expect(listening).toEqual(["0100007F"]);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
});

it("refuses to start with a SITE_URL other than the build's, naming the variable", () => {
  const result = spawnSync("node", ["scripts/start.mjs", "-p", "1"], {
    env: {
      ...process.env,
      ...inject("siteEnv"),
      CONTENT_DIR: inject("siteContentDir"),
      NEXT_DIST_DIR: dist,
      SITE_URL: "https://other.example.kr",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("SITE_URL");
  expect(result.stderr).toContain("https://news.example.kr");
});
