// One content parse per `next build`, shared by its worker processes (lib/content/build-snapshot.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sharedWithinBuild } from "@/lib/content/build-snapshot";
import { readContent, type Content } from "@/lib/content";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-test-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A separate Node process, as a build worker is, asking for the same key; returns what it got. */
function workerProcess(counterFile: string): Promise<string> {
  const modulePath = path.resolve("lib/content/build-snapshot.ts");
  const script = `
    const fs = require("node:fs");
    const { sharedWithinBuild } = require(${JSON.stringify(modulePath)});
    const value = sharedWithinBuild("content:/site", () => {
      fs.appendFileSync(${JSON.stringify(counterFile)}, "parsed\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400); // a parse takes time
      return { parsedBy: process.pid, articles: ["a", "b"] };
    }, ${JSON.stringify(dir)});
    process.stdout.write(JSON.stringify(value));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

describe("content shared within one build", () => {
  it("is parsed by one of several concurrent worker processes and read by the others", async () => {
    const counter = path.join(dir, "parses.txt");
    const results = await Promise.all([workerProcess(counter), workerProcess(counter), workerProcess(counter)]);
    expect(fs.readFileSync(counter, "utf8")).toBe("parsed\n");
    const values = results.map((out) => JSON.parse(out) as { parsedBy: number; articles: string[] });
    expect(values[0]?.articles).toEqual(["a", "b"]);
    expect(new Set(values.map((v) => v.parsedBy)).size).toBe(1);
  }, 30_000);

  it("hands every worker the same articles a direct parse gives", () => {
    const direct = readContent(path.resolve("content"));
    const first = sharedWithinBuild("content", () => readContent(path.resolve("content")), dir);
    const fromFile = sharedWithinBuild<Content>("content", () => ({ ...direct, articles: [] }), dir);
    expect(first).toEqual(direct);
    expect(fromFile).toEqual(direct);
    expect(fromFile.articles.map((a) => a.slug)).toContain("kanagawa-science-park");
  });

  it("lets the next worker parse (and fail the same way) when a parse throws", () => {
    const broken = () => {
      throw new Error("articles/broken.md: title is missing");
    };
    expect(() => sharedWithinBuild("content", broken, dir)).toThrow("title is missing");
    expect(() => sharedWithinBuild("content", broken, dir)).toThrow("title is missing");
    expect(sharedWithinBuild("content", () => ({ ok: true }), dir)).toEqual({ ok: true });
  });

  it("parses every time outside a build (next start, dev, scripts)", () => {
    let parses = 0;
    const parse = () => ({ parse: ++parses });
    expect(sharedWithinBuild("content", parse, undefined)).toEqual({ parse: 1 });
    expect(sharedWithinBuild("content", parse, undefined)).toEqual({ parse: 2 });
  });
});
