// Fetches a path from the fixture site served by global-setup.ts.
import http from "node:http";
import { inject } from "vitest";

export async function fetchPage(pathname: string, init?: RequestInit) {
  const response = await fetch(inject("siteUrl") + pathname, { redirect: "manual", ...init });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** A request fetch() will not send (TRACE, CONNECT): status and headers, by node:http. */
export function rawRequest(base: string, method: string, pathname: string): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, base), { method }, (response) => {
      response.resume();
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") headers.set(name, value);
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers }));
    });
    request.on("error", reject);
    request.end();
  });
}
