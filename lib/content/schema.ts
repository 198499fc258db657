// The single definition of what an article's frontmatter and a banner are; types are inferred from here.
import { z } from "zod";
import { parseEditorDate } from "@/lib/dates";
import { SECTIONS, type SectionSlug } from "@/lib/site";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DATE_HELP = "Write it as 2008-11-09, 2008-11-09 19:59:40 (Korean time) or 2008-11-09T19:59:40+09:00.";

/** A required field: the message says it is missing and shows a line to add. */
function missing(field: string, example: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined
      ? `is missing. Add a line such as \`${field}: ${example}\` to the frontmatter.`
      : `must be text, got ${describe(issue.input)}. Example: \`${field}: ${example}\`.`;
}

function describe(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date object";
  return typeof value === "object" ? "a group of fields" : `${typeof value} ${JSON.stringify(value)}`;
}

const text = (field: string, example: string) =>
  z.string({ error: missing(field, example) }).trim().min(1, { error: `is empty. Example: \`${field}: ${example}\`.` });

const editorDate = (field: string) =>
  z.string({ error: missing(field, "2008-11-09 19:59:40") }).transform((value, ctx) => {
    const parsed = parseEditorDate(value);
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({
      code: "custom",
      message:
        parsed.reason === "impossible"
          ? `"${value}" is not a real date or time (check the day of the month and the hour). ${DATE_HELP}`
          : `"${value}" is not a date in a form we read. ${DATE_HELP} Put it in quotes if it has a time.`,
    });
    return z.NEVER;
  });

const flag = (field: string) =>
  z.boolean({ error: `must be true or false (without quotes), as in \`${field}: true\`.` }).default(false);

const slugRef = z.string().regex(SLUG_PATTERN, {
  error: "must be the file name of an article without .md, in lower-case ASCII words joined by hyphens.",
});

const authorSchema = z.strictObject(
  {
    name: text("name", "홍길동"),
    /** Shown after the name: 박사, 기자. */
    title: z.string().trim().min(1).optional(),
    /** Shown under the name, verbatim: 오창혁신클러스터 기획총괄팀장. */
    role: z.string().trim().min(1).optional(),
    /** Organisation, for structured data. */
    affiliation: z.string().trim().min(1).optional(),
    email: z.email({ error: "is not an e-mail address." }).optional(),
  },
  { error: "has a field we do not know (allowed: name, title, role, affiliation, email)." },
);

export const imageSchema = z.strictObject({
  src: z.string().regex(/^\/[^\s]*\.(?:svg|png|jpe?g|webp|avif)$/i, {
    error: "must be a local file path under public/, starting with / and ending in .svg, .png, .jpg, .webp or .avif.",
  }),
  alt: text("alt", "사진 설명"),
  caption: z.string().trim().min(1).optional(),
  width: z.number({ error: "must be a whole number of pixels, as in `width: 800`." }).int().positive(),
  height: z.number({ error: "must be a whole number of pixels, as in `height: 450`." }).int().positive(),
  /** True when no photograph exists and the file is a labelled placeholder made here. */
  placeholder: flag("placeholder"),
});

export const KINDS = ["news", "feature", "analysis", "column", "interview", "magazine"] as const;
/** 정정보도, 반론보도, 추후보도: the three kinds of notice a Korean paper publishes about an article. */
export const CORRECTION_KINDS = ["correction", "reply", "followup"] as const;

const correctionSchema = z.strictObject(
  {
    date: editorDate("date"),
    kind: z.enum(CORRECTION_KINDS, { error: `must be one of: ${CORRECTION_KINDS.join(", ")} (정정보도, 반론보도, 추후보도).` }).default("correction"),
    text: text("text", "바로잡습니다. …"),
  },
  { error: "has a field we do not know (allowed: date, kind, text)." },
);

const sectionSlugs = SECTIONS.map((s) => s.slug) as [SectionSlug, ...SectionSlug[]];

export const frontmatterSchema = z
  .strictObject(
    {
      title: text("title", "기사 제목"),
      /** First publication (웹출고시간). */
      date: editorDate("date"),
      /** True when the source gives no exact date: pages show only the month, marked as an estimate. */
      dateApproximate: flag("dateApproximate"),
      /** Last substantive change (최종수정). */
      updated: editorDate("updated").optional(),
      section: z.enum(sectionSlugs, {
        error: `must be one of: ${sectionSlugs.join(", ")}.`,
      }),
      authors: z.array(authorSchema, { error: "must be a list, each item starting with `- name: 이름`." }).default([]),
      tags: z
        .array(z.string().trim().min(1).max(30), { error: "must be a list such as `tags: [오창, 클러스터]`." })
        .default([]),
      summary: z.string().trim().min(1).max(300, { error: "is longer than 300 characters." }).optional(),
      series: z.string().trim().min(1).optional(),
      seriesNo: z.number({ error: "must be a whole number, as in `seriesNo: 7`." }).int().positive().optional(),
      image: imageSchema.optional(),
      kind: z.enum(KINDS, { error: `must be one of: ${KINDS.join(", ")}.` }).default("news"),
      exclusive: flag("exclusive"),
      related: z.array(slugRef, { error: "must be a list of article file names." }).default([]),
      /** A column published with this article and shown inside it as a box. */
      column: slugRef.optional(),
      /** True when the text is only the part of a longer original that the source preserved. */
      excerpt: flag("excerpt"),
      draft: flag("draft"),
      /** 정정·반론보도: shown above the text with their dates, in structured data and feeds. */
      corrections: z
        .array(correctionSchema, { error: "must be a list, each item starting with `- date: 2008-11-12 10:00:00`." })
        .default([]),
      /** Old addresses (e.g. /news/articleView.html?idxno=123) that redirect here permanently. */
      aliases: z
        .array(z.string().regex(/^\/[^\s#]*$/, { error: "must be a path on this site starting with /, such as /news/articleView.html?idxno=123." }), {
          error: "must be a list of old paths.",
        })
        .default([]),
    },
    { error: "is not a frontmatter field we know. Check its spelling against the field reference in docs/editing.md." },
  )
  .superRefine((fm, ctx) => {
    if (fm.seriesNo !== undefined && fm.series === undefined) {
      ctx.addIssue({ code: "custom", path: ["seriesNo"], message: "is set but `series` is not: add the series name." });
    }
    fm.corrections.forEach((correction, index) => {
      if (Date.parse(correction.date) < Date.parse(fm.date))
        ctx.addIssue({ code: "custom", path: ["corrections", index, "date"], message: "is earlier than `date`: a correction follows the article it corrects." });
    });
    if (fm.updated && Date.parse(fm.updated) < Date.parse(fm.date)) {
      ctx.addIssue({ code: "custom", path: ["updated"], message: "is earlier than `date`: an article cannot be revised before it was published." });
    }
  });

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export type Author = z.infer<typeof authorSchema>;
export type ArticleImage = z.infer<typeof imageSchema>;
export type ArticleKind = (typeof KINDS)[number];
export type Correction = z.infer<typeof correctionSchema>;

/** An image found in the body, with its size read from the file. */
export type BodyImage = { src: string; alt: string; width: number; height: number };

/** A published article as pages see it: frontmatter plus what the loader derives. */
export type Article = Frontmatter & {
  slug: string;
  /** Path of the source file relative to the content folder, for error messages. */
  file: string;
  html: string;
  /** Plain text of the body, for teasers and search. */
  plainText: string;
  /** Local images in the body, in order, for structured data and feeds. */
  images: BodyImage[];
  /** dateModified: `updated`, else the file's last git commit, else `date`. ISO 8601, +09:00. */
  lastModified: string;
};

export const BANNER_SLOTS = ["sidebar-top-1", "sidebar-top-2", "sidebar-top-3", "sidebar-bottom-1", "sidebar-bottom-2"] as const;

export const bannerSchema = z.strictObject({
  slot: z.enum(BANNER_SLOTS, { error: `must be one of: ${BANNER_SLOTS.join(", ")}.` }),
  image: imageSchema.omit({ caption: true, placeholder: true }),
  link: z.string().regex(/^(?:https?:\/\/[^\s]+|\/[^\s]*)$/, { error: "must be an http(s) address or a path on this site starting with /." }),
  start: editorDate("start"),
  end: editorDate("end"),
  weight: z.number().int().min(1).default(1),
  label: z.string().trim().min(1).optional(),
});

export const bannersFileSchema = z.strictObject({ banners: z.array(bannerSchema) });
export type Banner = z.infer<typeof bannerSchema>;

const notice = (what: string) => z.string({ error: `is missing: write ${what}.` }).trim().min(1, { error: `is empty: write ${what}.` });
const noticeDate = (what: string) =>
  z.string({ error: `is missing: write ${what} as 2008-01-31.` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `must be ${what} written as 2008-01-31.` });

/**
 * The notices every Korean internet newspaper must show (신문 등의 진흥에 관한 법률 제21조 and its
 * enforcement decree, and the 청소년보호책임자 of 청소년 보호법): content/publisher.yaml, on every page.
 */
export const publisherSchema = z.strictObject(
  {
    /** true while the file holds the shipped sample values: shown labelled, refused in a production build. */
    sample: z.boolean({ error: "must be true or false." }).default(false),
    title: notice("the paper's registered name (제호)"),
    registrationNumber: notice("the registration number (등록번호)"),
    registrationDate: noticeDate("the registration date (등록연월일)"),
    publisher: notice("the publisher's name (발행인)"),
    editor: notice("the editor's name (편집인)"),
    address: notice("the office address (발행소 주소)"),
    phone: notice("the office phone number (전화번호)"),
    firstPublished: noticeDate("the date of first publication (발행연월일)"),
    youthProtectionOfficer: z.strictObject(
      { name: notice("the name of the 청소년보호책임자"), contact: notice("how to reach the 청소년보호책임자 (phone or e-mail)") },
      { error: "must have name and contact." },
    ),
  },
  { error: "has a field we do not know (allowed: sample, title, registrationNumber, registrationDate, publisher, editor, address, phone, firstPublished, youthProtectionOfficer)." },
);
export type Publisher = z.infer<typeof publisherSchema>;
