// Page metadata (title, description, canonical, OpenGraph, Twitter, feeds) from one place.
import { shareImage } from "@/lib/images/slots";
import type { Metadata } from "next";
import { numberedTitle, sectionName, teaser } from "@/lib/article-display";
import type { Article } from "@/lib/content/schema";
import { absoluteUrl, site } from "@/lib/site";
import { feedPaths, paths } from "@/lib/urls";

/** RSS and Atom autodiscovery links: the site's feeds, plus a section's or tag's own when given. */
export function feedAlternates(scope?: { kind: "sections" | "tags"; key: string; name: string }) {
  const types: Record<string, { url: string; title: string }[]> = {
    "application/rss+xml": [{ url: feedPaths.rss(), title: `${site.name} 전체 기사 RSS` }],
    "application/atom+xml": [{ url: feedPaths.atom(), title: `${site.name} 전체 기사 Atom` }],
  };
  if (scope) {
    types["application/rss+xml"]!.push({ url: feedPaths.rss(scope), title: `${site.name} ${scope.name} RSS` });
    types["application/atom+xml"]!.push({ url: feedPaths.atom(scope), title: `${site.name} ${scope.name} Atom` });
  }
  return types;
}

type ShareImage = { url: string; width: number; height: number; alt: string };

/**
 * og:image and twitter:image of an article, each with its size and alt text: the lead photo and body photos
 * (never a labelled SVG placeholder, which share previews cannot show), else the site's share image.
 */
export function shareImages(article: Article): ShareImage[] {
  // Photos go out as their 1200×630 crop (the original is never served); the largest preview every service shows.
  const seen = new Set<string>();
  const photos = [article.image, ...article.images].flatMap((image) => {
    if (!image?.photo || seen.has(image.photo.hash)) return [];
    seen.add(image.photo.hash);
    const crop = shareImage(image.photo);
    return [{ src: crop.src, width: crop.width, height: crop.height, alt: image.alt }];
  });
  return (photos.length ? photos : [site.defaultShareImage]).map((image) => ({
    url: absoluteUrl(image.src),
    width: image.width,
    height: image.height,
    alt: image.alt,
  }));
}

/** Metadata of an article page: OpenGraph type article with times in +09:00, section, tags and images. */
export function articleMetadata(article: Article): Metadata {
  const title = numberedTitle(article);
  const description = teaser(article, 160);
  const canonical = paths.article(article.slug);
  const images = shareImages(article);
  return {
    title,
    description,
    alternates: {
      canonical,
      types: feedAlternates({ kind: "sections", key: article.section, name: sectionName(article.section) }),
    },
    authors: article.authors.length
      ? article.authors.map((a) => ({ name: a.name, url: paths.author(a.name) }))
      : [{ name: site.name }],
    keywords: article.tags,
    openGraph: {
      type: "article",
      url: canonical,
      siteName: site.name,
      locale: site.locale,
      title,
      description,
      publishedTime: article.date,
      modifiedTime: article.lastModified,
      section: sectionName(article.section),
      tags: article.tags,
      authors: article.authors.map((a) => a.name),
      images,
    },
    twitter: { card: "summary_large_image", title, description, images },
  };
}

/** Metadata shared by the other pages: OpenGraph website with the locale, and the feeds. */
export function pageMetadata(input: {
  title?: string;
  description: string;
  canonical: string;
  feeds?: Parameters<typeof feedAlternates>[0];
}): Metadata {
  return {
    ...(input.title ? { title: input.title } : {}),
    description: input.description,
    alternates: { canonical: input.canonical, types: feedAlternates(input.feeds) },
    openGraph: {
      type: "website",
      url: input.canonical,
      siteName: site.name,
      locale: site.locale,
      title: input.title ?? site.name,
      description: input.description,
      images: [site.defaultShareImage].map(({ src, width, height, alt }) => ({ url: src, width, height, alt })),
    },
    twitter: {
      card: "summary_large_image",
      title: input.title ?? site.name,
      description: input.description,
      images: [{ url: site.defaultShareImage.src, alt: site.defaultShareImage.alt }],
    },
  };
}
