// Text that pages show about an article, derived from its fields: numbered titles, bylines, teasers.
import type { Article, Correction } from "@/lib/content/schema";
import type { PhotoRef } from "@/lib/images/slots";
import { SECTIONS, site } from "@/lib/site";

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** Series part number as Korean papers print it: ⑦ for 7, (21) past the circled range. */
export function seriesMark(seriesNo: number): string {
  return seriesNo >= 1 && seriesNo <= CIRCLED.length ? CIRCLED[seriesNo - 1]! : `(${seriesNo})`;
}

/** Title with its series number in front, as printed: "⑦ 선진 해외 클러스터를 가다 - …". */
export function numberedTitle(article: Pick<Article, "title" | "seriesNo">): string {
  return article.seriesNo ? `${seriesMark(article.seriesNo)} ${article.title}` : article.title;
}

/** Korean name of a section slug. */
export function sectionName(slug: string): string {
  return SECTIONS.find((s) => s.slug === slug)?.name ?? slug;
}

/** Byline names: "권성욱 박사", or the paper's name when the source credits nobody. */
export function bylineNames(article: Pick<Article, "authors">): string[] {
  if (!article.authors.length) return [site.name];
  return article.authors.map((a) => (a.title ? `${a.name} ${a.title}` : a.name));
}

const CORRECTION_LABELS: Record<Correction["kind"], string> = { correction: "정정보도", reply: "반론보도", followup: "추후보도" };

/** 정정보도, 반론보도 or 추후보도. */
export function correctionLabel(kind: Correction["kind"]): string {
  return CORRECTION_LABELS[kind];
}

/** A short teaser: the summary, else the first `max` characters of the text, cut at a word. */
export function teaser(article: Pick<Article, "summary" | "plainText">, max = 120): string {
  if (article.summary) return article.summary;
  const text = article.plainText.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > max / 2 ? lastSpace : max)}…`;
}

/** The photo that stands for an article in lists, the 매거진 box and link previews: its lead, else its first body photo. */
export function representativePhoto(article: Pick<Article, "image" | "images">): { photo: PhotoRef; alt: string } | undefined {
  if (article.image?.photo) return { photo: article.image.photo, alt: article.image.alt };
  const first = article.images.find((image) => image.photo);
  return first?.photo ? { photo: first.photo, alt: first.alt } : undefined;
}
