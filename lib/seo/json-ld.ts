// schema.org structured data for search engines: NewsArticle (or Opinion/Analysis), breadcrumbs, the site.
import { shareImage } from "@/lib/images/slots";
import type { BreadcrumbList, NewsArticle, NewsMediaOrganization, Person, WebSite, WithContext } from "schema-dts";
import { numberedTitle, sectionName, teaser, correctionLabel } from "@/lib/article-display";
import type { Article } from "@/lib/content/schema";
import { absoluteUrl, site } from "@/lib/site";
import { paths } from "@/lib/urls";

/** The publisher, as every article names it. */
export function publisher(): NewsMediaOrganization {
  return {
    "@type": "NewsMediaOrganization",
    name: site.name,
    alternateName: site.nameLatin,
    url: absoluteUrl("/"),
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(site.logoPng.src),
      width: `${site.logoPng.width}`,
      height: `${site.logoPng.height}`,
    },
  };
}

const TYPE_BY_KIND: Partial<Record<Article["kind"], "OpinionNewsArticle" | "AnalysisNewsArticle">> = {
  column: "OpinionNewsArticle",
  analysis: "AnalysisNewsArticle",
};

function author(article: Article): (Person | NewsMediaOrganization)[] {
  if (!article.authors.length) return [publisher()];
  return article.authors.map((a) => ({
    "@type": "Person",
    name: a.name,
    url: absoluteUrl(paths.author(a.name)),
    ...(a.title || a.role ? { jobTitle: [a.title, a.role].filter(Boolean).join(", ") } : {}),
    ...(a.affiliation ? { affiliation: { "@type": "Organization", name: a.affiliation } } : {}),
  }));
}

/**
 * Photos of the article for search and share previews, as absolute URLs: the lead image, then body images.
 * Placeholders and SVGs are left out (share previews and Google Images take raster photos only); without
 * any photo the site's share image stands in.
 */
export function articleImages(article: Article): string[] {
  const photos = [
    ...new Set([article.image, ...article.images].flatMap((image) => (image?.photo ? [shareImage(image.photo).src] : []))),
  ];
  return (photos.length ? photos : [site.defaultShareImage.src]).map((src) => absoluteUrl(src));
}

/** NewsArticle (OpinionNewsArticle for columns) with every field Google's article docs list. */
export function articleJsonLd(article: Article): WithContext<NewsArticle> {
  const url = absoluteUrl(paths.article(article.slug));
  const images = articleImages(article);
  return {
    "@context": "https://schema.org",
    "@type": TYPE_BY_KIND[article.kind] ?? "NewsArticle",
    "@id": url,
    url,
    mainEntityOfPage: url,
    headline: numberedTitle(article),
    description: teaser(article, 160),
    datePublished: article.date,
    dateModified: article.lastModified,
    ...(article.corrections.length
      ? {
          correction: article.corrections.map((c) => ({
            "@type": "CorrectionComment" as const,
            text: `${correctionLabel(c.kind)}: ${c.text}`,
            datePublished: c.date,
          })),
        }
      : {}),
    inLanguage: site.language,
    articleSection: sectionName(article.section),
    keywords: article.tags,
    author: author(article),
    publisher: publisher(),
    isAccessibleForFree: true,
    image: images,
    ...(article.series
      ? { isPartOf: { "@type": "CreativeWorkSeries", name: article.series, url: absoluteUrl(paths.series(article.series)) } }
      : {}),
    ...(article.seriesNo ? { position: article.seriesNo } : {}),
  } as WithContext<NewsArticle>;
}

/** Home › section › article, for the article page. */
export function breadcrumbJsonLd(article: Article): WithContext<BreadcrumbList> {
  const items = [
    { name: site.name, url: absoluteUrl("/") },
    { name: sectionName(article.section), url: absoluteUrl(paths.section(article.section)) },
    { name: numberedTitle(article), url: absoluteUrl(paths.article(article.slug)) },
  ];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({ "@type": "ListItem", position: index + 1, name: item.name, item: item.url })),
  };
}

/** The site, with a SearchAction pointing at the search page. */
export function websiteJsonLd(): WithContext<WebSite> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.name,
    url: absoluteUrl("/"),
    inLanguage: site.language,
    publisher: publisher(),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  } as WithContext<WebSite>;
}
