// RSS 2.0 and Atom feeds with the full, already sanitised article HTML, built by the `feed` package.
import { Feed } from "feed";
import { bylineNames, correctionLabel, numberedTitle, sectionName, teaser } from "@/lib/article-display";
import type { ArchiveReader } from "@/lib/archive/reader";
import type { Article } from "@/lib/content/schema";
import { formatKstDateTime } from "@/lib/dates";
import { xmlEscape } from "@/lib/seo/xml";
import { absoluteUrl, site } from "@/lib/site";
import { decodeSegment, feedPaths, nameKey, paths } from "@/lib/urls";

export type FeedScope = { kind: "sections" | "tags"; key: string };
export type FeedFormat = "rss" | "atom";

/**
 * Relative links and images in article HTML made absolute, as feed readers need. Photos go as their JPEG
 * <img> alone: feed readers sanitise away <source> and srcset, and some show nothing of a <picture>.
 */
function absolutize(html: string): string {
  return html
    .replace(/<source [^>]*>/g, "")
    .replace(/<\/?picture>/g, "")
    .replace(/ (srcset|sizes)="[^"]*"/g, "")
    .replace(/ (href|src)="\/(?!\/)/g, (_m, attr: string) => ` ${attr}="${absoluteUrl("/")}`);
}

/** The newest articles (whole) and title of a feed scope at `now`, or undefined for an unknown section or tag. */
export async function feedSource(
  reader: ArchiveReader,
  now: number,
  scope?: FeedScope,
): Promise<{ title: string; link: string; articles: Article[] } | undefined> {
  if (!scope) return { title: site.name, link: absoluteUrl("/"), articles: await reader.newestWhole(now, site.feedSize) };
  if (scope.kind === "sections") {
    if (!(await reader.hasPublished("section", scope.key, now))) return undefined;
    const articles = await reader.newestWhole(now, site.feedSize, { kind: "section", key: scope.key });
    return { title: `${site.name} ${sectionName(scope.key)}`, link: absoluteUrl(paths.section(scope.key)), articles };
  }
  const group = await reader.group("tag", nameKey(decodeSegment(scope.key)), now);
  if (!group) return undefined;
  const articles = await reader.newestWhole(now, site.feedSize, { kind: "tag", key: group.key });
  return { title: `${site.name} #${group.name}`, link: absoluteUrl(paths.tag(group.name)), articles };
}

/**
 * An item category. The feed package writes Atom categories as attributes without escaping them (a tag
 * such as "R&D" would make the whole feed invalid XML), so for Atom we escape them ourselves.
 */
function category(name: string, format: FeedFormat) {
  return format === "atom" ? { name: xmlEscape(name), term: xmlEscape(name) } : { name };
}

/** 정정·반론보도 as paragraphs for a feed item, newest first (escaped: the editor's text is plain text). */
function correctionsHtml(article: Article): string {
  return [...article.corrections]
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .map((c) => `<p><strong>${correctionLabel(c.kind)} (${formatKstDateTime(c.date)})</strong> ${xmlEscape(c.text)}</p>`)
    .join("");
}

/** Renders one feed as XML text. */
export function renderFeed(
  source: NonNullable<Awaited<ReturnType<typeof feedSource>>>,
  format: FeedFormat,
  scope?: FeedScope,
): string {
  const articles = source.articles.slice(0, site.feedSize);
  const feed = new Feed({
    title: source.title,
    description: site.description,
    id: source.link,
    link: source.link,
    language: site.language,
    image: absoluteUrl(site.logoPng.src),
    favicon: absoluteUrl("/icon.svg"),
    copyright: site.copyright,
    updated: articles[0] ? new Date(articles[0].lastModified) : new Date(0),
    generator: site.name,
    feedLinks: { rss: absoluteUrl(feedPaths.rss(scope)), atom: absoluteUrl(feedPaths.atom(scope)) },
  });
  for (const article of articles) {
    const url = absoluteUrl(paths.article(article.slug));
    feed.addItem({
      title: numberedTitle(article),
      id: url,
      link: url,
      description: teaser(article, 200),
      // A feed reader sees the corrections first, as the page shows them.
      content: correctionsHtml(article) + absolutize(article.html),
      date: new Date(article.lastModified),
      published: new Date(article.date),
      // RSS's <author> must be an e-mail address: only authors with one get it; every byline name goes to
      // <dc:creator>. Atom's <author> takes a name.
      author:
        format === "rss"
          ? article.authors.filter((a) => a.email).map((a) => ({ name: a.name, email: a.email }))
          : bylineNames(article).map((name) => ({ name })),
      extensions: format === "rss" ? [{ name: "dc:creator", objects: { _text: bylineNames(article).join(", ") } }] : [],
      category: [sectionName(article.section), ...article.tags].map((name) => category(name, format)),
    });
  }
  // The feed package declares no language on Atom feeds; readers and validators want xml:lang.
  return format === "rss"
    ? feed.rss2()
    : feed
        .atom1()
        .replace(
          '<feed xmlns="http://www.w3.org/2005/Atom">',
          `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">`,
        );
}
