// Security headers on pages, API answers and static files, read off the built fixture site.
import { expect, it } from "vitest";
import { fetchPage } from "./fetch-page";

it.each(["/", "/articles/cluster-visit", "/api/search?q=x", "/logo.svg", "/feeds/rss.xml"])(
  "%s carries the security headers",
  async (path) => {
    const { headers } = await fetchPage(path);
    const csp = headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(https?:|\*)/);
    expect(headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("permissions-policy")).toContain("camera=()");
    expect(headers.get("x-powered-by")).toBeNull();
  },
);

it("keeps article pages prerendered and cacheable with the headers on", async () => {
  const { headers } = await fetchPage("/articles/cluster-visit");
  expect(headers.get("x-nextjs-prerender")).toBeTruthy();
  expect(headers.get("cache-control")).toMatch(/s-maxage=\d+, stale-while-revalidate=\d+/);
});
