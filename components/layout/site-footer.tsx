import type { Publisher } from "@/lib/content/schema";
import { site } from "@/lib/site";

const dotted = (date: string) => date.replaceAll("-", ".");

/**
 * Footer with the statutory notices every Korean internet newspaper must show (content/publisher.yaml),
 * the copyright line and the advertising link; hidden when printing.
 */
export function SiteFooter({ publisher }: { publisher: Publisher }) {
  const notices: [string, string][] = [
    ["제호", publisher.title],
    ["등록번호", publisher.registrationNumber],
    ["등록연월일", dotted(publisher.registrationDate)],
    ["발행연월일", dotted(publisher.firstPublished)],
    ["발행인", publisher.publisher],
    ["편집인", publisher.editor],
    ["발행소", publisher.address],
    ["전화", publisher.phone],
    ["청소년보호책임자", `${publisher.youthProtectionOfficer.name} (${publisher.youthProtectionOfficer.contact})`],
  ];
  return (
    <footer className="no-print mt-12 border-t border-rule bg-gray-50">
      <div className="mx-auto max-w-site px-4 py-6 text-sm text-ink-soft">
        <p className="font-semibold text-ink">{site.name}</p>
        <p className="mt-1">충청북도의 소식을 전하는 지역 일간지. 기사의 저작권은 {site.name}에 있습니다.</p>
        <dl aria-label="신문사 법정 고지" className="legal-notice mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {notices.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {publisher.sample && (
          <p className="mt-2 text-xs font-semibold text-ink">위 고지 사항은 예시 값입니다. 실제 등록 정보가 아닙니다.</p>
        )}
        <p className="mt-2 text-xs">{site.copyright}</p>
        <p className="mt-2">
          <a href="/advertise" className="underline">
            광고 안내
          </a>
        </p>
      </div>
    </footer>
  );
}
