// The edge policy (lib/http/edge-policy.ts) is the one place that says which paths are pages, which methods
// they take and how long they are cached: the rendered nginx template, the portal server's front door and
// microcache, and the routing check must each follow it, rule by rule.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ArchiveReader } from "@/lib/archive/reader";
import { EDGE_RULES, edgeRule } from "@/lib/http/edge-policy";
import { frontDoor, microcacheExpiry } from "@/lib/http/front-door";
import { microcacheKey } from "@/lib/http/page-microcache";
import { routePage } from "@/lib/http/page-routing";
import { renderNginxConfig } from "../../scripts/lib/nginx";

/** Locations of the template that serve no path of the site: its error page and the benchmark's file. */
const NGINX_ONLY = ["= /_portal_error", "= /static-baseline.html"];

/** The site's server block's locations: each header (`= /api/search`) with its directives. */
function locations(config: string): Map<string, string> {
  const found = new Map<string, string>();
  const header = /^\s*location\s+([^{]+?)\s*\{/gm;
  for (let match = header.exec(config); match; match = header.exec(config)) {
    let depth = 1;
    let at = header.lastIndex;
    while (depth > 0 && at < config.length) {
      if (config[at] === "{") depth++;
      else if (config[at] === "}") depth--;
      at++;
    }
    found.set(match[1]!, config.slice(header.lastIndex, at - 1));
  }
  return found;
}

const rendered = renderNginxConfig(fs.mkdtempSync(path.join(os.tmpdir(), "edge-policy-")), 8080, 3000);
const blocks = locations(rendered);
/** Directives of a block, comments left out. */
const directives = (block: string) => block.replace(/#.*$/gm, "");

describe("the nginx template follows the edge policy", () => {
  it("has a location for every rule and no location of a path the policy does not name", () => {
    const declared = new Set(EDGE_RULES.map((rule) => rule.location));
    expect([...blocks.keys()].filter((location) => !NGINX_ONLY.includes(location)).sort()).toEqual([...declared].sort());
  });

  it.each(EDGE_RULES.map((rule) => [rule.kind, rule] as const))("%s: nginx caches it as the policy says", (_, rule) => {
    const block = directives(blocks.get(rule.location)!);
    const caches = /^\s*proxy_cache pages;/m.test(block);
    if (rule.nginx === "never") expect(caches).toBe(false);
    else expect(caches).toBe(true);
    if (rule.nginx === "year") expect(block).toMatch(/^\s*proxy_cache_valid 200 365d;/m);
    if (rule.nginx === "app") {
      expect(block).not.toMatch(/proxy_cache_valid/);
      expect(block).not.toMatch(/proxy_ignore_headers[^;]*Cache-Control/);
    }
    if (rule.nginx === "second") expect(block).toMatch(/^\s*proxy_cache_valid 200 [^;]*\b1s;/m);
  });

  it.each(EDGE_RULES.map((rule) => [rule.kind, rule] as const))("%s: nginx takes the methods the policy names", (_, rule) => {
    const limit = /limit_except ([A-Z ]+)\{\s*deny all;/.exec(directives(blocks.get(rule.location)!));
    expect(limit?.[1]?.trim().split(" ").sort()).toEqual([...rule.methods].sort());
  });

  it("shares each location only among rules that agree on nginx's caching and methods", () => {
    for (const rule of EDGE_RULES)
      for (const other of EDGE_RULES.filter((o) => o.location === rule.location)) {
        expect(other.nginx).toBe(rule.nginx);
        expect(other.methods).toEqual(rule.methods);
      }
  });
});

describe("the portal server and routing follow the edge policy", () => {
  /** A reader no rule but a page's may reach. */
  const unreachable = new Proxy({} as ArchiveReader, {
    get: () => () => Promise.reject(new Error("a path that is not a page reached the archive")),
  });

  it.each(EDGE_RULES.map((rule) => [rule.kind, rule] as const))("%s: its example is its own", (_, rule) => {
    expect(edgeRule(rule.example.split("?")[0]!)).toBe(rule);
  });

  it.each(EDGE_RULES.map((rule) => [rule.kind, rule] as const))(
    "%s: front door, microcache, lifetime, routing",
    async (_, rule) => {
      const url = rule.example;
      const pathname = url.split("?")[0]!;
      expect(microcacheKey({ method: "GET", url, headers: {} }) !== null).toBe(rule.microcached);
      expect(microcacheExpiry(pathname, 1_700_000_000_000)).toBe(rule.nginx === "year" ? null : "@1700000000");
      for (const method of ["GET", "HEAD", "POST", "DELETE", "PUT"]) {
        const allowed = rule.methods.includes(method) || (method === "HEAD" && rule.methods.includes("GET"));
        expect(frontDoor(method, url, [])).toEqual(
          allowed ? { strip: [] } : expect.objectContaining({ refuse: expect.anything() }),
        );
      }
      if (!rule.page) expect(await routePage(unreachable, url, 0)).toEqual({ pass: true });
    },
  );
});
