import { site } from "@/lib/site";

/** Footer with the publisher's name; hidden when printing. */
export function SiteFooter() {
  return (
    <footer className="no-print mt-12 border-t border-rule bg-gray-50">
      <div className="mx-auto max-w-site px-4 py-6 text-sm text-ink-soft">
        <p className="font-semibold text-ink">{site.name}</p>
        <p className="mt-1">충청북도의 소식을 전하는 지역 일간지. 기사의 저작권은 {site.name}에 있습니다.</p>
        <p className="mt-2">
          <a href="/advertise" className="underline">
            광고 안내
          </a>
        </p>
      </div>
    </footer>
  );
}
