// What the sidebar shows on every page: banners by position, Hot & Why & Only, 실시간 댓글 and 매거진 in 충북,
// from the archive and the engagement store's live data.
import type { Banner } from "@/lib/content/schema";
import { timeAgo } from "@/lib/dates";
import { site } from "@/lib/site";
import type { ArchiveReader } from "@/lib/archive/reader";

/** Live data for the sidebar from the engagement store; empty until readers read and comment. */
export type SidebarLive = {
  latest: { id: number; nickname: string; body: string; articleSlug: string; createdAt: string }[];
  mostRead: string[];
  at: number;
};

const NO_LIVE: SidebarLive = { latest: [], mostRead: [], at: 0 };

/** Everything the sidebar shows at `now`: banners by position, Hot & Why & Only, 실시간 댓글, 매거진 in 충북. */
export async function sidebarContent(
  reader: ArchiveReader,
  now: number,
  live: SidebarLive = NO_LIVE,
  limit: number = site.recentCount,
) {
  const [banners, mostRead, commented, why, only, magazine] = await Promise.all([
    reader.banners(),
    reader.cardsBySlug(live.mostRead, now),
    reader.cardsBySlug(
      live.latest.map((c) => c.articleSlug),
      now,
    ),
    reader.picks("why", now, limit),
    reader.picks("only", now, limit),
    reader.picks("magazine", now, 3),
  ]);
  const first = (slot: Banner["slot"]) => activeBanners(banners, slot, now).slice(0, 1);
  const titles = new Map(commented.map((a) => [a.slug, a.title]));
  return {
    banners: {
      top: [...first("sidebar-top-1"), ...first("sidebar-top-2"), ...first("sidebar-top-3")],
      bottom: [...first("sidebar-bottom-1"), ...first("sidebar-bottom-2")],
    },
    // Hot is the most read of the last seven days; the newest until read counts exist.
    hot: (mostRead.length ? mostRead : await reader.newest(now, limit)).slice(0, limit),
    liveComments: live.latest
      .filter((c) => titles.has(c.articleSlug))
      .map((c) => ({
        id: c.id,
        nickname: c.nickname,
        firstLine: c.body.split("\n")[0] ?? "",
        articleSlug: c.articleSlug,
        articleTitle: titles.get(c.articleSlug)!,
        ago: timeAgo(Date.parse(c.createdAt), live.at),
      })),
    why,
    only,
    magazine,
  };
}

export type SidebarContent = Awaited<ReturnType<typeof sidebarContent>>;

/** Banners of one slot running at `now` (start inclusive, end exclusive), heaviest first. */
export function activeBanners(banners: Banner[], slot: Banner["slot"], now: number): Banner[] {
  return banners
    .filter((b) => b.slot === slot && Date.parse(b.start) <= now && now < Date.parse(b.end))
    .sort((a, b) => b.weight - a.weight || a.link.localeCompare(b.link));
}
