// Shared by the feed route handlers: which feed a URL names, and its XML response.
import { notFound } from "next/navigation";
import { getPublicationInstant, pageArchive } from "@/lib/articles";
import { feedSource, renderFeed, type FeedFormat, type FeedScope } from "@/lib/seo/feeds";
import { xmlResponse } from "@/lib/seo/xml";

const FORMATS: Record<string, FeedFormat> = { "rss.xml": "rss", "atom.xml": "atom" };
const CONTENT_TYPES: Record<FeedFormat, string> = { rss: "application/rss+xml", atom: "application/atom+xml" };

export const FEED_FILES = Object.keys(FORMATS);

/** The feed for `file` (rss.xml or atom.xml) of `scope`, or 404. */
export async function feedResponse(file: string, scope?: FeedScope): Promise<Response> {
  const format = FORMATS[file];
  const source = format && (await feedSource(pageArchive(), await getPublicationInstant(), scope));
  if (!format || !source) notFound();
  return xmlResponse(renderFeed(source, format, scope), CONTENT_TYPES[format]);
}
