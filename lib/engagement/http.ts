// Request-side rules for the engagement endpoints: who the client is, same-origin writes, bounded bodies.
import { engagementConfig } from "@/lib/engagement/config";
import { EngagementError } from "@/lib/engagement/service";
import { saltedHash } from "@/lib/engagement/secrets";
import { site } from "@/lib/site";

/** Largest request body an engagement endpoint reads (a 1,000-character comment is ~3 KB of UTF-8). */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The client's address. `next start` puts the socket address in X-Forwarded-For when no proxy did; each
 * trusted proxy in front (TRUSTED_PROXY_HOPS) appends the address it saw, so the client is that many from the end.
 */
export function clientAddress(headers: Headers, hops: number = engagementConfig.trustedProxyHops): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - Math.max(1, hops)] ?? chain[0] ?? "unknown";
}

/** The salted hash that stands for this client in rate limits and reports. */
export function clientKey(request: Request, salt: string): string {
  return saltedHash(salt, "client", clientAddress(request.headers));
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

/** The request body as fields, from JSON or an HTML form; 413 when too large, 400 when unreadable. */
export async function readFields(request: Request): Promise<{ fields: Record<string, unknown>; fromForm: boolean }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new EngagementError(413, "보낸 내용이 너무 깁니다.");
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw new EngagementError(413, "보낸 내용이 너무 깁니다.");
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
  if (error instanceof EngagementError) return Response.json({ error: error.message }, { status: error.status });
  console.error(`${context} failed`, error);
  return Response.json({ error: "잠시 후 다시 시도해 주세요." }, { status: 500 });
}

/** A route id parameter as a positive integer, or 404. */
export function idParam(raw: string): number {
  const id = Number(raw);
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new EngagementError(404, "댓글을 찾을 수 없습니다.");
  return id;
}
