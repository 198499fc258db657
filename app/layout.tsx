import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { getPublicationInstant, getPublisher, pageArchive } from "@/lib/articles";
import { FONT_STACKS } from "@/lib/fonts";
import { SECTIONS, site } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(site.url),
  title: { default: site.name, template: `%s : ${site.name}` },
  description: site.description,
  applicationName: site.name,
  openGraph: { siteName: site.name, locale: site.locale, type: "website" },
  verification: {
    google: site.verification.google,
    other: site.verification.naver ? { "naver-site-verification": site.verification.naver } : {},
  },
};

const INLINE_FACE = `html{font-family:${FONT_STACKS.sans.join(",")}}`;

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b4f9c" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const now = await getPublicationInstant();
  const [publisher, ...published] = await Promise.all([
    getPublisher(),
    ...SECTIONS.map((s) => pageArchive().hasPublished("section", s.slug, now)),
  ]);
  const sections = SECTIONS.filter((_, i) => published[i]);
  return (
    <html lang="ko">
      <head>
        {/* The page face, also declared inline (the stylesheet sets the same stack). On one machine it halved
            Chromium's first layout of an article; on a slower one the difference was within the noise
            (npm run bench:layout; BENCHMARKS.md, "Lighthouse"). 150 bytes either way. */}
        <style>{INLINE_FACE}</style>
      </head>
      <body>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:bg-white focus:p-2"
        >
          본문 바로가기
        </a>
        <SiteHeader sections={sections} />
        <div className="mx-auto max-w-site px-4 pt-4">{children}</div>
        <SiteFooter publisher={publisher} />
      </body>
    </html>
  );
}
