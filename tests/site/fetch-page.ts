// Fetches a path from the fixture site served by global-setup.ts.
import { inject } from "vitest";

export async function fetchPage(pathname: string, init?: RequestInit) {
  const response = await fetch(inject("siteUrl") + pathname, { redirect: "manual", ...init });
  return { status: response.status, html: await response.text(), headers: response.headers };
}
