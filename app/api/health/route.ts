import { healthCheck } from "@/lib/engagement/health";

/** GET /api/health: 200 when this instance can read its database, 503 otherwise (systemd's probe, load balancers). */
export async function GET() {
  const healthy = await healthCheck();
  return Response.json({ ok: healthy }, { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
