import { SearchBox } from "@/components/search/search-box";
import { site } from "@/lib/site";
import { paths } from "@/lib/urls";

type Props = { sections: { slug: string; name: string }[] };

/** Masthead and section navigation; sections without published articles are left out. */
export function SiteHeader({ sections }: Props) {
  return (
    <header className="border-b-4 border-brand bg-white">
      <div className="mx-auto flex max-w-site items-center justify-between gap-4 px-4 py-3">
        <a href={paths.home()} className="inline-flex items-center" aria-label={`${site.name} 홈`}>
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG logo needs no image optimisation */}
          <img src={site.logo.src} alt={site.name} width={site.logo.width} height={site.logo.height} className="h-10 w-auto" />
        </a>
        <SearchBox />
      </div>
      <nav aria-label="섹션" className="bg-brand">
        <ul className="site-nav mx-auto flex max-w-site flex-wrap gap-x-1 px-2">
          <li>
            <a href={paths.home()}>홈</a>
          </li>
          {sections.map((section) => (
            <li key={section.slug}>
              <a href={paths.section(section.slug)}>{section.name}</a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
