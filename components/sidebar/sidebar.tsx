import type { SidebarContent } from "@/lib/sidebar";
import { BannerSlot } from "@/components/sidebar/banner-slot";
import { HotWhyOnly } from "@/components/sidebar/hot-why-only";
import { LiveCommentsSlot } from "@/components/sidebar/live-comments-slot";
import { MagazineBox } from "@/components/sidebar/magazine-box";

/** The source page's sidebar, in its order: three banners, Hot & Why & Only, 실시간 댓글, two banners, 매거진 in 충북. */
export function Sidebar({ banners, hot, why, only, magazine, liveComments }: SidebarContent) {
  return (
    <aside aria-label="사이드바" className="no-print layout-column flex min-w-0 flex-col gap-6">
      {banners.top.map((banner) => (
        <BannerSlot key={banner.slot} banner={banner} />
      ))}
      <HotWhyOnly hot={hot} why={why} only={only} />
      <LiveCommentsSlot comments={liveComments} />
      {banners.bottom.map((banner) => (
        <BannerSlot key={banner.slot} banner={banner} />
      ))}
      <MagazineBox articles={magazine} />
    </aside>
  );
}
