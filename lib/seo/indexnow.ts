// IndexNow (accepted by Naver and Bing): which article URLs are new or changed since the last submission,
// and the requests that tell the search engines.
import type { Article } from "@/lib/content/schema";
import { absoluteUrl } from "@/lib/site";
import { paths } from "@/lib/urls";

/** What was submitted: each article's URL and the dateModified it had then. */
export type IndexNowState = Record<string, string>;

/** A key as the protocol allows: 8 to 128 letters, digits and dashes. */
export const INDEXNOW_KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;

/** The path the key file is served at (given to IndexNow as keyLocation). */
export const INDEXNOW_KEY_PATH = "/indexnow-key.txt";

/** URLs of published articles that are new or whose dateModified changed since `submitted`, and the new state. */
export function indexNowChanges(articles: Article[], submitted: IndexNowState): { urls: string[]; state: IndexNowState } {
  const state: IndexNowState = {};
  const urls: string[] = [];
  for (const article of articles) {
    const url = absoluteUrl(paths.article(article.slug));
    state[url] = article.lastModified;
    if (submitted[url] !== article.lastModified) urls.push(url);
  }
  return { urls, state };
}

/** The JSON bodies to POST, at most 10,000 URLs each (the protocol's limit). */
export function indexNowBodies(urls: string[], key: string, siteUrl: string, batch = 10_000) {
  const bodies = [];
  for (let i = 0; i < urls.length; i += batch) {
    bodies.push({
      host: new URL(siteUrl).host,
      key,
      keyLocation: new URL(INDEXNOW_KEY_PATH, siteUrl).toString(),
      urlList: urls.slice(i, i + batch),
    });
  }
  return bodies;
}
