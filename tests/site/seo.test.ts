// What search engines and feed readers get from the built fixture site: metadata, JSON-LD, sitemaps, feeds, redirects.
import { spawnSync } from "node:child_process";
import { JSDOM } from "jsdom";
import robotsParser from "robots-parser";
import { describe, expect, it } from "vitest";
import { fetchPage } from "./fetch-page";

const SITE = "https://news.example.kr";
const PUBLISHED = ["cluster-visit", "cluster-column", "sports-note", "hostile-markdown", "ampersand-title", "fresh-news"];
const WITHHELD = ["unfinished-draft", "scheduled-story"];

function xml(text: string): Document {
  const doc = new JSDOM(text, { contentType: "text/xml" }).window.document;
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

const texts = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag), (el) => el.textContent ?? "");

async function jsonLd(pathname: string): Promise<Record<string, unknown>[]> {
  const { html } = await fetchPage(pathname);
  const doc = new JSDOM(html).window.document;
  return Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (s) => JSON.parse(s.textContent ?? ""));
}

async function head(pathname: string) {
  const { html } = await fetchPage(pathname);
  const doc = new JSDOM(html).window.document;
  const meta = (key: string) =>
    Array.from(doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`), (m) => m.getAttribute("content"));
  return { doc, meta };
}

describe("metadata", () => {
  it("gives an article its title, description, canonical URL, OpenGraph article fields and Twitter card", async () => {
    const { doc, meta } = await head("/articles/cluster-visit");
    expect(doc.title).toBe("③ 선진 해외 클러스터를 가다 - 시험 사이언스 파크 : 충북일보");
    expect(doc.documentElement.lang).toBe("ko");
    expect(meta("description")[0]).toContain("시험용 인용 문장");
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${SITE}/articles/cluster-visit`);
    expect(meta("og:type")).toEqual(["article"]);
    expect(meta("og:locale")).toEqual(["ko_KR"]);
    expect(meta("article:published_time")).toEqual(["2008-11-09T19:59:40+09:00"]);
    expect(meta("article:modified_time")).toEqual(["2013-08-04T00:44:01+09:00"]);
    expect(meta("article:section")).toEqual(["경제"]);
    expect(meta("article:tag")).toEqual(["사이언스 파크", "클러스터"]);
    expect(meta("og:image")[0]).toBe(`${SITE}/og-default.png`);
    expect(meta("twitter:card")).toEqual(["summary_large_image"]);
  });

  it("gives every share image its alt text, and an article's its size", async () => {
    for (const pathname of ["/", "/articles/cluster-visit", "/sections/economy", "/search"]) {
      const { meta } = await head(pathname);
      expect(meta("og:image").length, pathname).toBeGreaterThan(0);
      expect(meta("og:image:alt").length, pathname).toBe(meta("og:image").length);
      expect(meta("twitter:image:alt").length, pathname).toBeGreaterThan(0);
      expect(meta("og:image:width")[0], pathname).toMatch(/^\d+$/);
      expect(meta("og:image:height")[0], pathname).toMatch(/^\d+$/);
    }
  });

  it("proves ownership to Naver Search Advisor and Google Search Console on every page", async () => {
    for (const pathname of ["/", "/articles/cluster-visit", "/sections/economy"]) {
      const { meta } = await head(pathname);
      expect(meta("naver-site-verification"), pathname).toEqual(["naver-fixture-proof"]);
      expect(meta("google-site-verification"), pathname).toEqual(["google-fixture-proof"]);
    }
  });

  it("links RSS and Atom feeds from every page kind", async () => {
    for (const pathname of ["/", "/articles/cluster-visit", "/sections/economy", `/tags/${encodeURIComponent("클러스터")}`]) {
      const { doc } = await head(pathname);
      const feeds = Array.from(
        doc.querySelectorAll('link[rel="alternate"]'),
        (l) => `${l.getAttribute("type")} ${l.getAttribute("href")}`,
      );
      expect(feeds).toContain(`application/rss+xml ${SITE}/feeds/rss.xml`);
      expect(feeds).toContain(`application/atom+xml ${SITE}/feeds/atom.xml`);
    }
    const { doc } = await head("/sections/economy");
    expect(doc.querySelector('link[type="application/rss+xml"][href$="/feeds/sections/economy/rss.xml"]')).not.toBeNull();
  });
});

describe("JSON-LD", () => {
  it("describes an article as NewsArticle with every required field, and its breadcrumb", async () => {
    const data = await jsonLd("/articles/cluster-visit");
    const article = data.find((d) => d["@id"] === `${SITE}/articles/cluster-visit`)!;
    expect(article).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "③ 선진 해외 클러스터를 가다 - 시험 사이언스 파크",
      datePublished: "2008-11-09T19:59:40+09:00",
      dateModified: "2013-08-04T00:44:01+09:00",
      articleSection: "경제",
      keywords: ["사이언스 파크", "클러스터"],
      inLanguage: "ko",
      author: [{ "@type": "NewsMediaOrganization", name: "충북일보" }],
      publisher: {
        "@type": "NewsMediaOrganization",
        name: "충북일보",
        logo: { "@type": "ImageObject", url: `${SITE}/logo.png` },
      },
      image: [`${SITE}/og-default.png`],
      isPartOf: { "@type": "CreativeWorkSeries", name: "시험 연재" },
    });
    const breadcrumb = data.find((d) => d["@type"] === "BreadcrumbList") as {
      itemListElement: { position: number; name: string; item: string }[];
    };
    expect(breadcrumb.itemListElement.map((i) => [i.position, i.name, i.item])).toEqual([
      [1, "충북일보", `${SITE}/`],
      [2, "경제", `${SITE}/sections/economy`],
      [3, "③ 선진 해외 클러스터를 가다 - 시험 사이언스 파크", `${SITE}/articles/cluster-visit`],
    ]);
  });

  it("marks the boxed column as OpinionNewsArticle with its author as a Person", async () => {
    const column = (await jsonLd("/articles/cluster-column")).find((d) => d["@id"] === `${SITE}/articles/cluster-column`);
    expect(column).toMatchObject({
      "@type": "OpinionNewsArticle",
      author: [
        {
          "@type": "Person",
          name: "김시험",
          url: `${SITE}/authors/${encodeURIComponent("김시험")}`,
          jobTitle: "박사, 시험연구소 팀장",
        },
      ],
    });
    const analysis = (await jsonLd("/articles/ampersand-title")).find((d) => d["@id"] === `${SITE}/articles/ampersand-title`);
    expect(analysis).toMatchObject({
      "@type": "AnalysisNewsArticle",
      author: [{ affiliation: { "@type": "Organization", name: "시험일보" } }],
    });
  });

  it("shows corrections above the text with their dates, and carries them in JSON-LD, dateModified and the feeds", async () => {
    const { html } = await fetchPage("/articles/ampersand-title");
    const doc = new JSDOM(html).window.document;
    const notice = doc.querySelector('aside[aria-label="정정·반론보도"]');
    expect(notice?.textContent).toContain("반론보도 2006.08.01 10:00:00");
    expect(notice?.textContent).toContain("정정보도 2006.07.01 09:00:00");
    const articleText = doc.querySelector("article")?.textContent ?? "";
    expect(articleText.indexOf("반론보도")).toBeLessThan(articleText.indexOf("분석 기사 본문"));
    const analysis = (await jsonLd("/articles/ampersand-title")).find((d) => d["@id"] === `${SITE}/articles/ampersand-title`);
    expect(analysis).toMatchObject({
      dateModified: "2006-08-01T10:00:00+09:00",
      correction: [
        {
          "@type": "CorrectionComment",
          datePublished: "2006-07-01T09:00:00+09:00",
          text: expect.stringContaining("정정보도: 본문의"),
        },
        {
          "@type": "CorrectionComment",
          datePublished: "2006-08-01T10:00:00+09:00",
          text: expect.stringContaining("반론보도: 시험연구소는"),
        },
      ],
    });
    const rss = (await fetchPage("/feeds/rss.xml")).html;
    expect(rss).toContain("<strong>반론보도 (2006.08.01 10:00:00)</strong>");
  });

  it("gives the home page a WebSite with a SearchAction", async () => {
    const site = (await jsonLd("/")).find((d) => d["@type"] === "WebSite");
    expect(site).toMatchObject({
      name: "충북일보",
      url: `${SITE}/`,
      potentialAction: { "@type": "SearchAction", target: { urlTemplate: `${SITE}/search?q={search_term_string}` } },
    });
  });

  it("cannot be broken out of by a title containing </script>", async () => {
    const { html } = await fetchPage("/articles/ampersand-title");
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).not.toContain("<");
    expect(scripts.join("")).toContain("R&D \\u003c특집>");
  });
});

describe("sitemaps", () => {
  it("lists every published article once, listing pages, and nothing withheld", async () => {
    const { status, html } = await fetchPage("/sitemap.xml");
    expect(status).toBe(200);
    const locs = texts(xml(html), "loc");
    for (const slug of PUBLISHED) expect(locs.filter((l) => l === `${SITE}/articles/${slug}`)).toHaveLength(1);
    for (const slug of WITHHELD) expect(locs.join(" ")).not.toContain(slug);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).toContain(`${SITE}/sections/economy`);
    expect(locs).toContain(`${SITE}/tags/${encodeURIComponent("클러스터")}`);
    expect(locs).toContain(`${SITE}/series/${encodeURIComponent("시험-연재")}`);
    const doc = xml(html);
    const visit = Array.from(doc.getElementsByTagName("url")).find((u) =>
      u.getElementsByTagName("loc")[0]?.textContent?.endsWith("/cluster-visit"),
    );
    expect(visit?.getElementsByTagName("lastmod")[0]?.textContent).toBe("2013-08-04T00:44:01+09:00");
  });

  it("the news sitemap holds only the last 48 hours, with publication name and language", async () => {
    const doc = xml((await fetchPage("/news-sitemap.xml")).html);
    expect(texts(doc, "loc")).toEqual([`${SITE}/articles/fresh-news`]);
    expect(texts(doc, "news:name")).toEqual(["충북일보"]);
    expect(texts(doc, "news:language")).toEqual(["ko"]);
    expect(texts(doc, "news:title")).toEqual(["방금 들어온 소식"]);
  });

  it("robots.txt lists the sitemaps and keeps crawlers out of /admin and /api", async () => {
    const { html } = await fetchPage("/robots.txt");
    expect(html).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    expect(html).toContain(`Sitemap: ${SITE}/news-sitemap.xml`);
    expect(html).toContain("Disallow: /admin");
    expect(html).toContain("Disallow: /api/");
  });

  it("serves the IndexNow key set at start, as text", async () => {
    const { status, html, headers } = await fetchPage("/indexnow-key.txt");
    expect(status).toBe(200);
    expect(html).toBe("fixture-indexnow-key");
    expect(headers.get("content-type")).toContain("text/plain");
  });

  it("robots.txt reads the same to first-match and longest-match parsers, for every crawler we name", async () => {
    const { html } = await fetchPage("/robots.txt");
    const cases: [string, string, boolean][] = [];
    for (const agent of ["*", "Googlebot", "Yeti", "Daumoa", "Bingbot"])
      for (const [path, allowed] of [
        ["/admin", false],
        ["/admin/x", false],
        ["/api/search?q=x", false],
        ["/", true],
        ["/articles/a", true],
      ] as const)
        cases.push([agent, path, allowed]);
    // First match: Python's own parser.
    const python = spawnSync(
      "python3",
      [
        "-c",
        "import json,sys,urllib.robotparser as r\np=r.RobotFileParser()\np.parse(sys.stdin.read().split('\\n'))\nprint(json.dumps([p.can_fetch(a, 'https://x'+u) for a,u in " +
          JSON.stringify(cases.map(([agent, path]) => [agent, path])) +
          "]))",
      ],
      { input: html, encoding: "utf8" },
    );
    expect(python.stderr).toBe("");
    expect(JSON.parse(python.stdout)).toEqual(cases.map((c) => c[2]));
    // Longest match (RFC 9309, as Google reads it): the robots-parser package.
    const robots = robotsParser(`${SITE}/robots.txt`, html);
    expect(cases.map(([agent, path]) => robots.isAllowed(`${SITE}${path}`, agent))).toEqual(cases.map((c) => c[2]));
  });
});

describe("feeds", () => {
  it("RSS 2.0 and Atom carry every published article with full, sanitised HTML and escaped titles", async () => {
    const rss = await fetchPage("/feeds/rss.xml");
    expect(rss.headers.get("content-type")).toContain("application/rss+xml");
    const rssDoc = xml(rss.html);
    const rssLinks = texts(rssDoc, "link").filter((l) => l.includes("/articles/"));
    expect(rssLinks.sort()).toEqual(PUBLISHED.map((s) => `${SITE}/articles/${s}`).sort());
    expect(texts(rssDoc, "title")).toContain('R&D <특집> & "따옴표" 시험');
    const encoded = texts(rssDoc, "content:encoded").join("\n");
    expect(encoded).toContain("<h2>첫 소제목</h2>");
    expect(encoded).toContain(`src="${SITE}/images/kanagawa-science-park-placeholder.svg"`);
    expect(encoded).not.toContain("__pwned");
    expect(encoded).not.toContain("<b>");

    const atomDoc = xml((await fetchPage("/feeds/atom.xml")).html);
    expect(atomDoc.documentElement.namespaceURI).toBe("http://www.w3.org/2005/Atom");
    const entries = Array.from(atomDoc.getElementsByTagName("entry"), (e) => e.getElementsByTagName("id")[0]?.textContent);
    expect(entries.sort()).toEqual(PUBLISHED.map((s) => `${SITE}/articles/${s}`).sort());
    for (const slug of WITHHELD) expect(rss.html + atomDoc.documentElement.outerHTML).not.toContain(slug);
  });

  it("RSS names authors in dc:creator (its <author> is only ever an e-mail address); Atom declares Korean", async () => {
    const rssDoc = xml((await fetchPage("/feeds/rss.xml")).html);
    const items = Array.from(rssDoc.getElementsByTagName("item"));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.getElementsByTagName("dc:creator")[0]?.textContent).toBeTruthy();
      for (const author of Array.from(item.getElementsByTagName("author")))
        expect(author.textContent).toMatch(/^\S+@\S+ \(.+\)$/);
    }
    const atomDoc = xml((await fetchPage("/feeds/atom.xml")).html);
    expect(atomDoc.documentElement.getAttribute("xml:lang")).toBe("ko");
    expect(texts(rssDoc, "copyright")).toEqual(["ⓒ 충북일보, 무단전재 및 재배포 금지"]);
  });

  it("each section and tag has its own feeds; unknown ones are 404", async () => {
    const economy = xml((await fetchPage("/feeds/sections/economy/rss.xml")).html);
    expect(texts(economy, "link").filter((l) => l.includes("/articles/"))).toEqual([`${SITE}/articles/cluster-visit`]);
    const tag = xml((await fetchPage(`/feeds/tags/${encodeURIComponent("r-d")}/atom.xml`)).html);
    expect(texts(tag, "title")).toContain('R&D <특집> & "따옴표" 시험');
    const categories = Array.from(tag.getElementsByTagName("category"), (c) => c.getAttribute("term"));
    expect(categories).toEqual(["문화", "R&D", "클러스터"]);
    expect((await fetchPage("/feeds/sections/weather/rss.xml")).status).toBe(404);
    expect((await fetchPage("/feeds/tags/none/rss.xml")).status).toBe(404);
  });
});

describe("redirects from old addresses", () => {
  it("answer an alias with a permanent redirect, whatever the query order", async () => {
    for (const address of [
      "/news/articleView.html?idxno=123",
      "/news/articleView.html?idxno=123&utm_x=",
      "/old/cluster-visit.html",
    ]) {
      const { status, headers } = await fetchPage(address);
      if (address.includes("utm_x")) {
        expect(status).toBe(404);
        continue;
      }
      expect(status).toBe(308);
      expect(new URL(headers.get("location") ?? "", SITE).pathname).toBe("/articles/cluster-visit");
    }
  });

  it("leave other old addresses as 404", async () => {
    expect((await fetchPage("/news/articleView.html?idxno=999")).status).toBe(404);
    expect((await fetchPage("/news/articleView.html")).status).toBe(404);
  });
});
