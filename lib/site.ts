// Site identity and limits, read from the environment once; every other module imports from here.
import path from "node:path";

/** Sections an article may belong to: slug (URL) and the Korean name readers see. */
export const SECTIONS = [
  { slug: "politics", name: "정치" },
  { slug: "economy", name: "경제" },
  { slug: "society", name: "사회" },
  { slug: "culture", name: "문화" },
  { slug: "sports", name: "스포츠" },
  { slug: "opinion", name: "오피니언" },
] as const;

export type SectionSlug = (typeof SECTIONS)[number]["slug"];

/** The public origin from SITE_URL (default http://localhost:3000); throws on a value that is not an absolute URL. */
export function siteUrlFromEnv(raw: string | undefined): string {
  const value = raw?.trim() || "http://localhost:3000";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://www.example.kr, got "${value}"`);
  }
  return url.origin;
}

function prerenderCountFromEnv(raw: string | undefined): number {
  const value = raw?.trim() || "300";
  if (value === "all") return Infinity;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`PRERENDER_ARTICLES must be a whole number of articles (at least 1) or "all", got "${value}"`);
  }
  return count;
}

function editorLanguageFromEnv(raw: string | undefined): "ko" | "en" {
  const value = raw?.trim() || "ko";
  if (value !== "ko" && value !== "en") throw new Error(`CONTENT_MESSAGES must be ko or en, got "${value}"`);
  return value;
}

export const site = {
  name: "충북일보",
  nameLatin: "Chungbuk Ilbo",
  description: "충북일보 — 충청북도의 소식을 전하는 지역 일간지",
  url: siteUrlFromEnv(process.env.SITE_URL),
  locale: "ko_KR",
  language: "ko",
  timeZone: "Asia/Seoul",
  logo: { src: "/logo.svg", width: 240, height: 60 },
  /** Raster logo for structured data (Google wants PNG/JPEG for publisher logos). */
  logoPng: { src: "/logo.png", width: 600, height: 150 },
  /** Under every article and in every feed, as Korean papers print it. */
  copyright: "ⓒ 충북일보, 무단전재 및 재배포 금지",
  /** Share image for pages and articles without a photo of their own. */
  defaultShareImage: { src: "/og-default.png", width: 1200, height: 630, alt: "충북일보" },
  /** How many articles a feed carries. */
  feedSize: 30,
  /** Google News sitemaps list articles of the last two days only. */
  newsSitemapHours: 48,
  /** Sitemap protocol limit of URLs per file. */
  sitemapMaxUrls: 50_000,
  /** Articles per listing page. */
  pageSize: 20,
  /** Items in the 최근기사 strip and in each sidebar list. */
  recentCount: 5,
  relatedCount: 6,
  /**
   * How many of the newest articles `next build` renders ahead, with the listing pages that show them.
   * Older ones render on their first request and are cached from then on like the rest, so a build's
   * cost stays flat as the archive grows (docs/architecture.md: "What the build prerenders").
   */
  prerenderArticles: prerenderCountFromEnv(process.env.PRERENDER_ARTICLES),
  /**
   * Ownership proofs for Naver Search Advisor (서치어드바이저) and Google Search Console, printed as meta
   * tags on every page; each service shows the value when the site is registered there.
   */
  /**
   * Language of the messages editors get from content:check and the build: Korean, the newsroom's; `en`
   * (CONTENT_MESSAGES=en) for developers who do not read Korean, and for the test suite's assertions.
   */
  editorLanguage: editorLanguageFromEnv(process.env.CONTENT_MESSAGES),
  verification: {
    naver: process.env.NAVER_SITE_VERIFICATION?.trim() || undefined,
    google: process.env.GOOGLE_SITE_VERIFICATION?.trim() || undefined,
  },
} as const;

/** Absolute folder holding articles/ and banners.yaml; CONTENT_DIR overrides it for tests and benchmarks. */
export function contentDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || "content");
}

/**
 * Folder of photo variants (and their measured colours), named by content hash so builds, instances and
 * deploys can share it; IMAGE_CACHE_DIR puts it elsewhere (a shared volume for several instances).
 */
export function imageCacheDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.IMAGE_CACHE_DIR || ".cache/images");
}

/** Whether an origin is a public deployment (not this machine): sample notices may not be published there. */
export function isProductionUrl(origin: string): boolean {
  return !["localhost", "127.0.0.1", "[::1]"].includes(new URL(origin).hostname);
}

/** Absolute URL for a site path, for canonical links, feeds and structured data. */
export function absoluteUrl(pathname: string): string {
  return new URL(pathname, site.url).toString();
}
