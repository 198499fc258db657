import { connection } from "next/server";
import { INDEXNOW_KEY_PATTERN } from "@/lib/seo/indexnow";

/** GET /indexnow-key.txt: the IndexNow key set where the server starts (INDEXNOW_KEY), proving we own the host. */
export async function GET() {
  // Read per request, never at build: the key is configured at start.
  await connection();
  const key = process.env.INDEXNOW_KEY?.trim();
  if (!key || !INDEXNOW_KEY_PATTERN.test(key))
    return new Response("Not Found\n", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(key, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
