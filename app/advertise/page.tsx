import type { Metadata } from "next";
import { BANNER_SLOTS } from "@/lib/content/schema";
import { pageMetadata } from "@/lib/seo/metadata";
import { site } from "@/lib/site";

export const metadata: Metadata = pageMetadata({
  title: "광고 안내",
  description: `${site.name} 배너 광고 자리 안내`,
  canonical: "/advertise",
});

export default function AdvertisePage() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-2xl py-8 focus:outline-none">
      <h1 className="font-serif text-2xl font-bold">광고 안내</h1>
      <p className="mt-3">
        {site.name} 사이드바에는 배너 자리 {BANNER_SLOTS.length}곳이 있습니다. 위쪽 세 곳은 300×250, 아래쪽 두 곳은 300×100
        크기입니다. 모든 배너에는 ‘광고’ 표시가 붙습니다.
      </p>
    </main>
  );
}
