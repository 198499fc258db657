// The published site as in-memory lookups: what readers may see at a given instant. Pages query the read
// model instead (lib/archive/); this is the plain reference the read model is tested against
// (tests/unit/read-model.test.ts), and what content:check and indexnow list the published and the withheld by.
import type { Content } from "@/lib/content";
import type { Article, Author, Banner } from "@/lib/content/schema";
import { oncePer } from "@/lib/memo";
import { rankRelated } from "@/lib/related";
import { SECTIONS, site, type SectionSlug } from "@/lib/site";
import { nameKey } from "@/lib/urls";

export type NamedGroup<T = string> = { key: string; name: string; value: T; articles: Article[] };

export type Catalog = {
  /** Published articles, newest first. */
  articles: Article[];
  bySlug: Map<string, Article>;
  sections: Map<SectionSlug, Article[]>;
  tags: Map<string, NamedGroup>;
  series: Map<string, NamedGroup>;
  authors: Map<string, NamedGroup<Author>>;
  banners: Banner[];
  /** Left out: drafts and articles dated after `now`. */
  withheld: Article[];
};

/** Whether readers may see the article at instant `now` (ms). */
export function isPublished(article: Article, now: number): boolean {
  return !article.draft && Date.parse(article.date) <= now;
}

function addToGroup<T>(groups: Map<string, NamedGroup<T>>, name: string, value: T, article: Article) {
  const key = nameKey(name);
  const group = groups.get(key) ?? { key, name, value, articles: [] };
  // Articles arrive one at a time, so an article naming a group twice ("AI", "ai") is the last one in it:
  // checking the whole list instead made indexing 100,000 articles quadratic in the largest group.
  if (group.articles.at(-1) !== article) group.articles.push(article);
  groups.set(key, group);
}

/** Indexes what is published at `now`; pure, so tests and the build see the same thing. */
export function buildCatalog(content: Pick<Content, "articles" | "banners">, now: number): Catalog {
  const articles = content.articles.filter((a) => isPublished(a, now));
  const catalog: Catalog = {
    articles,
    bySlug: new Map(articles.map((a) => [a.slug, a])),
    sections: new Map(SECTIONS.map((s) => [s.slug, []])),
    tags: new Map(),
    series: new Map(),
    authors: new Map(),
    banners: content.banners,
    withheld: content.articles.filter((a) => !isPublished(a, now)),
  };
  for (const article of articles) {
    catalog.sections.get(article.section)?.push(article);
    for (const tag of article.tags) addToGroup(catalog.tags, tag, tag, article);
    if (article.series) addToGroup(catalog.series, article.series, article.series, article);
    for (const author of article.authors) addToGroup(catalog.authors, author.name, author, article);
  }
  // A series reads in order: part ① first.
  for (const group of catalog.series.values()) {
    group.articles.sort((a, b) => (a.seriesNo ?? 0) - (b.seriesNo ?? 0) || Date.parse(a.date) - Date.parse(b.date));
  }
  return catalog;
}

const relatedLists = oncePer<Catalog, Map<string, Article[]>>(() => new Map());

/**
 * 관련기사 for `article`: candidates come from the indexes, never a scan of every pair, and each article's
 * list is ranked once per catalog (a page renders more than once while it is prerendered).
 */
export function relatedArticles(catalog: Catalog, article: Article, limit: number = site.relatedCount): Article[] {
  const lists = relatedLists(catalog);
  const key = `${limit}:${article.slug}`;
  let related = lists.get(key);
  if (!related) lists.set(key, (related = rankRelatedCandidates(catalog, article, limit)));
  return related;
}

function rankRelatedCandidates(catalog: Catalog, article: Article, limit: number): Article[] {
  const candidates = new Set<Article>();
  for (const slug of article.related) {
    const explicit = catalog.bySlug.get(slug);
    if (explicit) candidates.add(explicit);
  }
  if (article.series) catalog.series.get(nameKey(article.series))?.articles.forEach((a) => candidates.add(a));
  for (const tag of article.tags) catalog.tags.get(nameKey(tag))?.articles.forEach((a) => candidates.add(a));
  // Same section alone is the weakest link and ties go to the newer article, so only the section's newest
  // `limit` can place; two more cover the article itself and its boxed column. Keeps the cost flat in section size.
  catalog.sections
    .get(article.section)
    ?.slice(0, limit + 2)
    .forEach((a) => candidates.add(a));
  // The boxed column is already on the page.
  const column = attachedColumn(catalog, article);
  if (column) candidates.delete(column);
  return rankRelated(article, candidates, limit);
}

/** The published column boxed inside `article`, if any. */
export function attachedColumn(catalog: Catalog, article: Article): Article | undefined {
  return article.column ? catalog.bySlug.get(article.column) : undefined;
}
