import { getPublisher, publishedSlug } from "@/lib/articles";
import { getEngagement } from "@/lib/engagement";
import { backToArticle, formErrorPage } from "@/lib/engagement/form-response";
import { assertSameOrigin, clientKey, errorResponse, readFields } from "@/lib/engagement/http";
import { invalidateComments } from "@/lib/engagement/live";
import { EngagementError } from "@/lib/engagement/service";
import { queryNumber } from "@/lib/urls";

type Context = { params: Promise<{ slug: string }> };

/** GET /api/articles/[slug]/comments?order=newest|oldest&page=N: visible comments with replies, and the total. */
export async function GET(request: Request, { params }: Context) {
  try {
    const slug = await publishedSlug((await params).slug);
    const url = new URL(request.url);
    const order = url.searchParams.get("order") === "oldest" ? "oldest" : "newest";
    const { service } = await getEngagement();
    const list = await service.listComments(slug, { order, page: queryNumber(url.searchParams.get("page")) });
    return Response.json(list, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET comments");
  }
}

/**
 * POST /api/articles/[slug]/comments with JSON { nickname, body, password, parentId? } answers 201 and the
 * comment (200 for a repeated request). An HTML form post (no JavaScript) is answered with a redirect back.
 */
export async function POST(request: Request, { params }: Context) {
  const { slug: rawSlug } = await params;
  let fromForm = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  try {
    assertSameOrigin(request);
    const slug = await publishedSlug(rawSlug);
    const body = await readFields(request);
    fromForm = body.fromForm;
    // Bots fill the field that people never see.
    if (typeof body.fields.website === "string" && body.fields.website !== "")
      throw new EngagementError(400, "댓글을 올리지 못했습니다.");
    const { service, clientSalt } = await getEngagement();
    const idempotencyKey = request.headers.get("idempotency-key") ?? body.fields.idempotencyKey;
    const publisher = await getPublisher();
    // The paper's own name is always reserved; a read model written before the list existed has none.
    const reserved = [publisher.title, ...(publisher.reservedNicknames ?? [])];
    const { comment, created } = await service.postComment(
      slug,
      body.fields,
      clientKey(request, clientSalt),
      idempotencyKey,
      reserved,
    );
    if (created) await invalidateComments(slug);
    if (fromForm) return backToArticle(slug, `comment-${comment.id}`);
    return Response.json(comment, { status: created ? 201 : 200 });
  } catch (error) {
    if (fromForm && error instanceof EngagementError) return formErrorPage(error.status, error.message, rawSlug);
    return errorResponse(error, "POST comment");
  }
}
