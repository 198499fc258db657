// What to offer when a search finds nothing: the most used tags.
import type { ArchiveReader } from "@/lib/archive/read";

/** The `limit` tags with the most published articles at `now`, most used first. */
export async function popularTags(reader: ArchiveReader, now: number, limit = 10): Promise<string[]> {
  return (await reader.groups("tag", now))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ko"))
    .slice(0, limit)
    .map((group) => group.name);
}
