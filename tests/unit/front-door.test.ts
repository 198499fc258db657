// The portal server's front door: what it refuses and which headers it removes before Next reads them.
import { describe, expect, it } from "vitest";
import { frontDoor, INTERNAL_REQUEST_HEADER, microcacheExpiry } from "@/lib/http/front-door";
import { NEXT_INTERNAL_HEADERS } from "./next-internal-headers";

describe("Next-internal request headers", () => {
  it.each(NEXT_INTERNAL_HEADERS)("removes %s, in any letter case", (header) => {
    expect(frontDoor("GET", "/", [header, "accept"])).toEqual({ strip: [header] });
    expect(INTERNAL_REQUEST_HEADER.test(header.toUpperCase())).toBe(true);
  });

  it("keeps what browsers and the client router send", () => {
    const kept = [
      "accept",
      "cookie",
      "user-agent",
      "rsc",
      "next-router-state-tree",
      "next-router-prefetch",
      "next-router-segment-prefetch",
      "x-forwarded-for",
      "x-forwarded-proto",
      "origin",
      "idempotency-key",
    ];
    expect(frontDoor("GET", "/articles/a", kept)).toEqual({ strip: [] });
  });
});

describe("refusals", () => {
  it("takes only GET and HEAD on pages, and GET, HEAD, POST, DELETE on the API", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"])
      expect(frontDoor(method, "/articles/a", [])).toMatchObject({ refuse: { status: 405, allow: "GET, HEAD" } });
    for (const method of ["PUT", "PATCH", "TRACE", "OPTIONS"])
      expect(frontDoor(method, "/api/comments/1", [])).toMatchObject({ refuse: { status: 405 } });
    expect(frontDoor("POST", "/api/articles/a/comments", [])).toEqual({ strip: [] });
  });

  it("refuses any Server Function call, on pages and on the API", () => {
    expect(frontDoor("POST", "/api/articles/a/comments", ["Next-Action"])).toMatchObject({ refuse: { status: 403 } });
    expect(frontDoor("GET", "/", ["next-action"])).toMatchObject({ refuse: { status: 403 } });
  });

  it.each(["/articles/%ff", "/%E0%A4%A", "/sections/%00", "/tags/%c0%af", "/articles/a%2"])(
    "answers 400 for the undecodable path %s",
    (url) => {
      expect(frontDoor("GET", url, [])).toMatchObject({ refuse: { status: 400 } });
    },
  );

  it("lets a percent-encoded Korean path through", () => {
    expect(frontDoor("GET", `/tags/${encodeURIComponent("클러스터")}?q=%ff`, [])).toEqual({ strip: [] });
  });
});

describe("nginx microcache lifetime", () => {
  it("ends a page's entry with the second it was fetched in", () => {
    expect(microcacheExpiry("/articles/a", 1_700_000_000_999)).toBe("@1700000000");
    expect(microcacheExpiry("/", 1_700_000_001_000)).toBe("@1700000001");
  });
  it("leaves hashed build assets and photo variants to nginx's year-long rule", () => {
    expect(microcacheExpiry("/_next/static/chunks/app.js", 1_700_000_000_000)).toBeNull();
    expect(microcacheExpiry("/img/0123456789abcdef0123-720.avif", 1_700_000_000_000)).toBeNull();
  });
});
