// Request-side rules for the engagement endpoints: who the client is, same-origin writes, bounded bodies.
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError, NOT_FOUND_COMMENT } from "@/lib/engagement/errors";
import { reporterNetwork, visitorNetwork } from "@/lib/engagement/rules";
import { saltedHash } from "@/lib/engagement/secrets";
import { site } from "@/lib/site";

/** Largest request body an engagement endpoint reads (a 1,000-character comment is ~3 KB of UTF-8). */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The client's address. With TRUSTED_PROXY_HOPS=0 the portal's server (server/portal-server.ts) has
 * replaced X-Forwarded-For with the socket address; each trusted proxy in front appends the address it saw,
 * so with N hops the client is N from the end and anything a client wrote before that is ignored.
 */
export function clientAddress(headers: Headers, hops: number = engagementConfig.trustedProxyHops): string {
  return forwardedClient(headers.get("x-forwarded-for") ?? "", hops);
}

/** The client of an X-Forwarded-For chain `hops` trusted proxies appended to (clientAddress). */
export function forwardedClient(forwardedFor: string, hops: number = engagementConfig.trustedProxyHops): string {
  const chain = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - Math.max(1, hops)] ?? chain[0] ?? "unknown";
}

/** The salted hash that stands for this client (its address or IPv6 /64) in rate limits and reports. */
export function clientKey(request: Request, salt: string): string {
  return saltedHash(salt, "client", visitorNetwork(clientAddress(request.headers)));
}

/** The salted hash a report is counted by: the client's wider network (reporterNetwork), so one host's many addresses are one reporter. */
export function reporterKey(request: Request, salt: string): string {
  return saltedHash(salt, "reporter", reporterNetwork(clientAddress(request.headers)));
}

/**
 * The visitor a share or read is counted for on `day`: the network alone, so changing the User-Agent or
 * any other header does not make a second visitor; the day is hashed in, so days cannot be linked.
 */
export function visitorKey(request: Request, salt: string, purpose: "read" | "share", day: string): string {
  return saltedHash(salt, purpose, day, visitorNetwork(clientAddress(request.headers)));
}

/** Refuses writes a browser sends on behalf of another site (Origin or Sec-Fetch-Site); 403. */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")
    throw new EngagementError(403, "다른 사이트에서 보낸 요청은 받을 수 없습니다.");
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const allowed = new Set([site.url, host ? `${proto}://${host}` : ""]);
  if (!allowed.has(origin)) throw new EngagementError(403, "다른 사이트에서 보낸 요청은 받을 수 없습니다.");
}

/**
 * The body's bytes, reading no more than `max`: a larger body (declared or chunked without a length) is
 * refused with 413 as soon as it passes the cap, and the rest is never read into memory.
 */
export async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new EngagementError(413, "보낸 내용이 너무 깁니다.");
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= max)) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The request body as fields, from JSON or an HTML form; 413 when too large, 400 when unreadable. */
export async function readFields(request: Request): Promise<{ fields: Record<string, unknown>; fromForm: boolean }> {
  const bytes = await readCapped(request, MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new EngagementError(400, "UTF-8이 아닌 내용은 받을 수 없습니다.");
  }
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded"))
    return { fields: Object.fromEntries(new URLSearchParams(text)), fromForm: true };
  if (!text.trim()) return { fields: {}, fromForm: false };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    return { fields: parsed as Record<string, unknown>, fromForm: false };
  } catch {
    throw new EngagementError(400, "요청 형식이 올바르지 않습니다.");
  }
}

/** JSON error `{ error }` with its status; unexpected errors are logged and answered 500 without details. */
export function errorResponse(error: unknown, context: string): Response {
  const headers = { "Cache-Control": "no-store" };
  if (error instanceof EngagementError) return Response.json({ error: error.message }, { status: error.status, headers });
  console.error(`${context} failed`, error);
  return Response.json({ error: "잠시 후 다시 시도해 주세요." }, { status: 500, headers });
}

/** A route id parameter as a positive integer, or 404. */
export function idParam(raw: string): number {
  const id = Number(raw);
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new EngagementError(404, NOT_FOUND_COMMENT);
  return id;
}
