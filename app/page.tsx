import { RecentStrip } from "@/components/article/recent-strip";
import { SectionBlock } from "@/components/home/section-block";
import { TopStory } from "@/components/home/top-story";
import { WithSidebar } from "@/components/layout/with-sidebar";
import { JsonLd } from "@/components/seo/json-ld";
import { Sidebar } from "@/components/sidebar/sidebar";
import { getPublicationInstant, getSidebar, pageArchive } from "@/lib/articles";
import { websiteJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { SECTIONS, site } from "@/lib/site";

const SECTION_BLOCK_SIZE = 4;

export const metadata = pageMetadata({ description: site.description, canonical: "/" });

export default async function HomePage() {
  const [now, sidebar] = await Promise.all([getPublicationInstant(), getSidebar()]);
  const reader = pageArchive();
  // One more than a block shows: the top story may be among them.
  const [[top, ...rest], ...sectionNewest] = await Promise.all([
    reader.newest(now, site.recentCount + 1),
    ...SECTIONS.map((s) => reader.members("section", s.slug, now, SECTION_BLOCK_SIZE + 1)),
  ]);
  const blocks = SECTIONS.map((s, i) => ({
    ...s,
    articles: sectionNewest[i]!.filter((a) => a.slug !== top?.slug),
  })).filter((s) => s.articles.length);
  return (
    <>
      <JsonLd data={websiteJsonLd()} />
      <RecentStrip articles={rest.slice(0, site.recentCount)} />
      <WithSidebar sidebar={<Sidebar {...sidebar} />}>
        {/* Inside <main>: every piece of content belongs to a landmark (axe "region"). */}
        <h1 className="sr-only">{site.name}</h1>
        {top ? <TopStory article={top} /> : <p className="py-8 text-center text-ink-soft">아직 출고된 기사가 없습니다.</p>}
        <div className="mt-6 grid gap-8 md:grid-cols-2">
          {blocks.map((block) => (
            <SectionBlock
              key={block.slug}
              slug={block.slug}
              name={block.name}
              articles={block.articles.slice(0, SECTION_BLOCK_SIZE)}
            />
          ))}
        </div>
      </WithSidebar>
    </>
  );
}
