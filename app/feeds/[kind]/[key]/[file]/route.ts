import { notFound } from "next/navigation";
import { getPublicationInstant, pageArchive } from "@/lib/articles";
import { listingParams } from "@/lib/listing";
import { NO_GROUP, withPlaceholder } from "@/lib/listing-route";
import { FEED_FILES, feedResponse } from "@/lib/seo/feed-route";

const KINDS = { sections: "section", tags: "tag" } as const;

export async function generateStaticParams() {
  const now = await getPublicationInstant();
  return withPlaceholder(
    (
      await Promise.all(
        Object.entries(KINDS).map(async ([kind, listing]) =>
          (await listingParams(pageArchive(), listing, now))
            .filter((p) => p.page.length === 0)
            .flatMap(({ key }) => FEED_FILES.map((file) => ({ kind, key, file }))),
        ),
      )
    ).flat(),
    { kind: "tags", key: NO_GROUP, file: "rss.xml" },
  );
}

/** GET /feeds/sections/[key]/(rss|atom).xml and /feeds/tags/[key]/(rss|atom).xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; key: string; file: string }> }) {
  const { kind, key, file } = await params;
  if (kind !== "sections" && kind !== "tags") notFound();
  return feedResponse(file, { kind, key });
}
