// Shared steps of the engagement route handlers: the article must be published, writes same-origin.
import { archive } from "@/lib/archive";
import { getPublicationInstant } from "@/lib/articles";
import { EngagementError } from "@/lib/engagement/errors";

/** The slug of a published article, or 404 (unknown, draft or scheduled articles take no comments). */
export async function publishedSlug(slug: string): Promise<string> {
  if (!(await archive().exists(slug, await getPublicationInstant()))) throw new EngagementError(404, "기사를 찾을 수 없습니다.");
  return slug;
}
