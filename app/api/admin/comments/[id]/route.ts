import { assertAdmin } from "@/lib/engagement/admin";
import { getEngagement } from "@/lib/engagement";
import { assertSameOrigin, errorResponse, idParam, readFields } from "@/lib/engagement/http";
import { invalidateComments } from "@/lib/engagement/live";
import { EngagementError } from "@/lib/engagement/service";

const ACTIONS = ["hide", "restore", "delete"] as const;

/** POST /api/admin/comments/[id] with { action: hide | restore | delete }: moderation, logged. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const { service, db } = await getEngagement();
    await assertAdmin(db, request);
    const id = idParam((await params).id);
    const { fields, fromForm } = await readFields(request);
    const action = ACTIONS.find((a) => a === fields.action);
    if (!action) throw new EngagementError(400, "hide, restore, delete 중 하나를 고르세요.");
    await invalidateComments(await service.moderate(id, action, "admin"));
    return fromForm ? new Response(null, { status: 303, headers: { Location: "/admin" } }) : Response.json({ ok: true, action });
  } catch (error) {
    return errorResponse(error, "moderation");
  }
}
