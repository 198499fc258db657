// lib/http/response-chunks.ts: a page that, joined to its head, would pass V8's largest ordinary string reaches
// the socket as bytes, the same bytes; shorter pages go on as strings, as Node would send them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LARGEST_ORDINARY_STRING, longStringsAsBytes } from "@/lib/http/response-chunks";

/** What each answer's end() was given, after longStringsAsBytes: a string or bytes. */
const given: string[] = [];
let server: http.Server;
let base: string;

/** A page of Korean text (a two-byte string in V8) of `characters` characters. */
const koreanPage = (characters: number) => "가나가와 사이언스 파크 ".repeat(Math.ceil(characters / 13)).slice(0, characters);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const kind = (chunk: unknown) => (typeof chunk === "string" ? "string" : Buffer.isBuffer(chunk) ? "bytes" : typeof chunk);
    const write = res.write;
    res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
      given.push(`write ${kind(chunk)}`);
      return (write as (...args: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as typeof res.write;
    const end = res.end;
    res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      if (chunk !== undefined) given.push(kind(chunk));
      return (end as (...args: unknown[]) => http.ServerResponse).apply(this, [chunk, ...rest]);
    } as typeof res.end;
    longStringsAsBytes(res);
    const characters = Number(new URL(req.url ?? "/", "http://x").searchParams.get("characters"));
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (req.url?.startsWith("/written")) {
      res.writeHead(200);
      res.write(koreanPage(characters));
      res.end();
    } else res.end(koreanPage(characters));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("sends a page that would pass V8's largest ordinary string with its head as bytes, the same bytes", async () => {
  for (const characters of [LARGEST_ORDINARY_STRING, 70_000, 200_000]) {
    given.length = 0;
    const response = await fetch(`${base}/?characters=${characters}`);
    expect(await response.text()).toBe(koreanPage(characters));
    expect(given).toEqual(["bytes"]);
  }
});

it("leaves a page short of it a string, as Node sends it best", async () => {
  for (const characters of [0, 1_000, 60_000]) {
    given.length = 0;
    const response = await fetch(`${base}/?characters=${characters}`);
    expect(await response.text()).toBe(koreanPage(characters));
    expect(given).toEqual(["string"]);
  }
});

it("counts the head only while it has not gone: a string written after it goes alone", async () => {
  // Written after the head: 65,400 characters alone stay below the limit; with a head they would not.
  given.length = 0;
  const response = await fetch(`${base}/written?characters=65400`);
  expect(await response.text()).toBe(koreanPage(65_400));
  expect(given).toEqual(["write string"]);
  given.length = 0;
  await (await fetch(`${base}/?characters=65400`)).text();
  expect(given).toEqual(["bytes"]);
});
