// What the portal's server lets through to Next, decided per request before any route code runs.
// Pure: the server (server/portal-server.ts) and its tests call it; both it and nginx follow the edge
// policy (lib/http/edge-policy.ts).
import { allowedMethods, edgeRule } from "@/lib/http/edge-policy";

/**
 * Request headers only Next itself, its proxy layer or a hosting platform may set. From outside they change
 * a response without changing any cache key (x-middleware-prefetch made Next answer `{}` for a page), so
 * they are removed from every request: the prefixes cover headers future Next versions add under them.
 * Read off next 16.4.6 and again 16.5.0 (dist/lib/constants.js, client/components/app-router-headers.js,
 * server/lib/server-ipc/utils.js). The router's own headers (RSC, Next-Router-*) stay: nginx keys on them.
 */
export const INTERNAL_REQUEST_HEADER =
  /^(x-middleware-|x-nextjs-|x-next-|x-invoke-|x-now-|x-vercel-|x-prerender-|x-action-|x-matched-path$|x-deployment-id$|x-invocation-id$|x-edge-runtime$|next-resume$|next-hmr-refresh$|next-url$|next-instant-navigation-testing$|x-forwarded-host$|x-forwarded-port$)/i;

/** The header that invokes a React Server Function; this site defines none (docs/security.md). */
export const SERVER_ACTION_HEADER = "next-action";

export type FrontDoorDecision = { refuse: { status: number; message: string; allow?: string } } | { strip: string[] };

/** Whether a path's percent-escapes decode to text without NUL (a bad one made Next answer a bare 500). */
function decodablePath(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes("\u0000");
  } catch {
    return false;
  }
}

/** Refuses what no route of this site takes; otherwise names the headers to remove before Next sees them. */
export function frontDoor(method: string | undefined, url: string | undefined, headerNames: string[]): FrontDoorDecision {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  if (headerNames.some((name) => name.toLowerCase() === SERVER_ACTION_HEADER))
    return { refuse: { status: 403, message: "이 사이트는 서버 함수 요청을 받지 않습니다." } };
  const allowed = allowedMethods(pathname);
  if (!method || !allowed.includes(method))
    return { refuse: { status: 405, message: "허용되지 않는 요청 방식입니다.", allow: allowed.join(", ") } };
  if (!url?.startsWith("/") || !decodablePath(pathname)) return { refuse: { status: 400, message: "주소가 올바르지 않습니다." } };
  return { strip: headerNames.filter((name) => INTERNAL_REQUEST_HEADER.test(name)) };
}

/**
 * How long nginx's microcache (deploy/nginx.conf.template) may keep this response: `X-Accel-Expires` with an
 * absolute time, the end of the current second. nginx counts cache validity in whole seconds and treats an
 * entry as fresh through the whole second it expires in, so its own `proxy_cache_valid 1s` keeps a page 1
 * to 2 s, which with a render on top put a new comment past the 2-second target. "@<this second>" keeps it
 * at most 1 s. Build assets and photo variants (hashed names, cached for a year) are left alone; `null` means no header.
 */
export function microcacheExpiry(pathname: string, nowMs: number): string | null {
  if (edgeRule(pathname).nginx === "year") return null;
  return `@${Math.floor(nowMs / 1000)}`;
}
