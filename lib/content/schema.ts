// The single definition of what an article's frontmatter and a banner are; types are inferred from here.
import { z } from "zod";
import { say } from "@/lib/editor-language";
import type { PhotoRef } from "@/lib/images/slots";
import { parseEditorDate } from "@/lib/dates";
import { SECTIONS, site, type SectionSlug } from "@/lib/site";

/**
 * Zod's own messages (for the few checks without one of ours) in the editors' language; pass as
 * `safeParse(data, { error: zodMessages })` so only content parsing uses it.
 */
export const zodMessages = (site.editorLanguage === "en" ? z.locales.en() : z.locales.ko()).localeError;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DATE_HELP = say(
  "2008-11-09, 2008-11-09 19:59:40(한국 시각) 또는 2008-11-09T19:59:40+09:00 꼴로 쓰세요.",
  "Write it as 2008-11-09, 2008-11-09 19:59:40 (Korean time) or 2008-11-09T19:59:40+09:00.",
);

/** A required field: the message says it is missing and shows a line to add. */
function missing(field: string, example: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined
      ? say(`이(가) 없습니다. 머리말(frontmatter)에 \`${field}: ${example}\` 같은 줄을 넣으세요.`, `is missing. Add a line such as \`${field}: ${example}\` to the frontmatter.`)
      : say(`은(는) 글자여야 하는데 ${describe(issue.input)}입니다. 예: \`${field}: ${example}\``, `must be text, got ${describe(issue.input)}. Example: \`${field}: ${example}\`.`);
}

function describe(value: unknown): string {
  if (value === null) return say("빈 값", "an empty value");
  if (Array.isArray(value)) return say("목록", "a list");
  if (value instanceof Date) return say("날짜 객체", "a date object");
  if (typeof value === "object") return say("여러 항목의 묶음", "a group of fields");
  const kind = { number: "숫자", boolean: "참/거짓 값" }[typeof value as string] ?? typeof value;
  return say(`${kind} ${JSON.stringify(value)}`, `${typeof value} ${JSON.stringify(value)}`);
}

const text = (field: string, example: string) =>
  z
    .string({ error: missing(field, example) })
    .trim()
    .min(1, { error: say(`이(가) 비어 있습니다. 예: \`${field}: ${example}\``, `is empty. Example: \`${field}: ${example}\`.`) });

const editorDate = (field: string) =>
  z.string({ error: missing(field, "2008-11-09 19:59:40") }).transform((value, ctx) => {
    const parsed = parseEditorDate(value);
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({
      code: "custom",
      message:
        parsed.reason === "impossible"
          ? say(
              `"${value}"은(는) 있을 수 없는 날짜나 시각입니다(그달의 날수와 시각을 확인하세요). ${DATE_HELP}`,
              `"${value}" is not a real date or time (check the day of the month and the hour). ${DATE_HELP}`,
            )
          : say(
              `"${value}"은(는) 읽을 수 있는 날짜 형식이 아닙니다. ${DATE_HELP} 시각까지 쓰면 따옴표로 감싸세요.`,
              `"${value}" is not a date in a form we read. ${DATE_HELP} Put it in quotes if it has a time.`,
            ),
    });
    return z.NEVER;
  });

const flag = (field: string) =>
  z
    .boolean({
      error: say(`은(는) 따옴표 없이 true 또는 false로 씁니다. 예: \`${field}: true\``, `must be true or false (without quotes), as in \`${field}: true\`.`),
    })
    .default(false);

const slugRef = z.string().regex(SLUG_PATTERN, {
  error: say(
    "은(는) .md를 뺀 기사 파일 이름이어야 합니다(영문 소문자 낱말을 하이픈으로 이은 것).",
    "must be the file name of an article without .md, in lower-case ASCII words joined by hyphens.",
  ),
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
    email: z.email({ error: say("은(는) 전자우편 주소가 아닙니다.", "is not an e-mail address.") }).optional(),
  },
  { error: say("에 모르는 항목이 있습니다(쓸 수 있는 항목: name, title, role, affiliation, email).", "has a field we do not know (allowed: name, title, role, affiliation, email).") },
);

/** A local image's path as frontmatter writes it: from the site's root, of a format pages can show. */
const IMAGE_PATH = /^\/[^\s]*\.(?:svg|png|jpe?g|webp|avif)$/i;

export const imageSchema = z.strictObject({
  src: z.string().regex(IMAGE_PATH, {
    error: say(
      "은(는) public/ 아래 파일의 경로여야 합니다. /로 시작하고, 띄어쓰기 없이, .svg, .png, .jpg, .webp, .avif로 끝납니다.",
      "must be a local file path under public/, starting with /, without spaces, and ending in .svg, .png, .jpg, .webp or .avif.",
    ),
  }),
  alt: text("alt", "사진 설명"),
  caption: z.string().trim().min(1).optional(),
  width: z.number({ error: say("은(는) 픽셀 수(자연수)입니다. 예: `width: 800`", "must be a whole number of pixels, as in `width: 800`.") }).int().positive(),
  height: z.number({ error: say("은(는) 픽셀 수(자연수)입니다. 예: `height: 450`", "must be a whole number of pixels, as in `height: 450`.") }).int().positive(),
  /** True when no photograph exists and the file is a labelled placeholder made here. */
  placeholder: flag("placeholder"),
});

/**
 * An article's lead image: a photo under content/images/ (its size is read from the file) or a labelled
 * placeholder under public/ (SVG, size given here).
 */
const leadImageSchema = z.strictObject({
  // Its own message: an editor's photo lives in content/images/, not under public/.
  src: z.string().regex(IMAGE_PATH, {
    error: say(
      "은(는) 사진이면 content/images/에 넣고 `/images/파일이름.jpg`처럼, 자리표시 그림이면 public/ 아래 경로로 씁니다. /로 시작하고, 띄어쓰기 없이(파일 이름의 빈칸은 -나 _로 바꾸세요), .jpg, .png, .webp, .avif, .svg로 끝납니다.",
      "must be a photo in content/images/ written as `/images/name.jpg`, or a placeholder under public/: starting with /, without spaces (rename the file with - or _ for them), and ending in .jpg, .png, .webp, .avif or .svg.",
    ),
  }),
  alt: imageSchema.shape.alt,
  caption: imageSchema.shape.caption,
  /** 사진 출처 / 촬영, shown after the caption as Korean papers do: 사진=충북일보 DB. */
  credit: z.string().trim().min(1).optional(),
  width: imageSchema.shape.width.optional(),
  height: imageSchema.shape.height.optional(),
  placeholder: imageSchema.shape.placeholder,
});

export const KINDS = ["news", "feature", "analysis", "column", "interview", "magazine"] as const;
/** 정정보도, 반론보도, 추후보도: the three kinds of notice a Korean paper publishes about an article. */
export const CORRECTION_KINDS = ["correction", "reply", "followup"] as const;

const correctionSchema = z.strictObject(
  {
    date: editorDate("date"),
    kind: z
      .enum(CORRECTION_KINDS, {
        error: say(
          `은(는) ${CORRECTION_KINDS.join(", ")} 가운데 하나입니다(정정보도, 반론보도, 추후보도).`,
          `must be one of: ${CORRECTION_KINDS.join(", ")} (정정보도, 반론보도, 추후보도).`,
        ),
      })
      .default("correction"),
    text: text("text", "바로잡습니다. …"),
  },
  { error: say("에 모르는 항목이 있습니다(쓸 수 있는 항목: date, kind, text).", "has a field we do not know (allowed: date, kind, text).") },
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
        error: say(`은(는) ${sectionSlugs.join(", ")} 가운데 하나입니다.`, `must be one of: ${sectionSlugs.join(", ")}.`),
      }),
      authors: z
        .array(authorSchema, { error: say("은(는) 목록입니다. 한 사람마다 `- name: 이름`으로 시작하세요.", "must be a list, each item starting with `- name: 이름`.") })
        .default([]),
      tags: z
        .array(z.string().trim().min(1).max(30, { error: say("은(는) 30자를 넘을 수 없습니다.", "is longer than 30 characters.") }), { error: say("은(는) `tags: [오창, 클러스터]` 같은 목록입니다.", "must be a list such as `tags: [오창, 클러스터]`.") })
        .default([]),
      summary: z
        .string()
        .trim()
        .min(1)
        .max(300, { error: say("이(가) 300자를 넘습니다. 검색 결과에 나올 한두 문장으로 줄이세요.", "is longer than 300 characters.") })
        .optional(),
      series: z.string().trim().min(1).optional(),
      seriesNo: z.number({ error: say("은(는) 자연수입니다. 예: `seriesNo: 7`", "must be a whole number, as in `seriesNo: 7`.") }).int().positive().optional(),
      image: leadImageSchema.optional(),
      kind: z.enum(KINDS, { error: say(`은(는) ${KINDS.join(", ")} 가운데 하나입니다.`, `must be one of: ${KINDS.join(", ")}.`) }).default("news"),
      exclusive: flag("exclusive"),
      related: z.array(slugRef, { error: say("은(는) 기사 파일 이름의 목록입니다.", "must be a list of article file names.") }).default([]),
      /** A column published with this article and shown inside it as a box. */
      column: slugRef.optional(),
      /** True when the text is only the part of a longer original that the source preserved. */
      excerpt: flag("excerpt"),
      draft: flag("draft"),
      /** 정정·반론보도: shown above the text with their dates, in structured data and feeds. */
      corrections: z
        .array(correctionSchema, {
          error: say("은(는) 목록입니다. 한 건마다 `- date: 2008-11-12 10:00:00`으로 시작하세요.", "must be a list, each item starting with `- date: 2008-11-12 10:00:00`."),
        })
        .default([]),
      /** Old addresses (e.g. /news/articleView.html?idxno=123) that redirect here permanently. */
      aliases: z
        .array(
          z.string().regex(/^\/[^\s#]*$/, {
            error: say(
              "은(는) /로 시작하는 이 사이트의 경로입니다. 예: /news/articleView.html?idxno=123",
              "must be a path on this site starting with /, such as /news/articleView.html?idxno=123.",
            ),
          }),
          { error: say("은(는) 옛 주소의 목록입니다.", "must be a list of old paths.") },
        )
        .default([]),
    },
    {
      error: say(
        "은(는) 머리말에 쓸 수 있는 항목이 아닙니다. docs/editing.md의 항목 목록과 철자를 견주어 보세요.",
        "is not a frontmatter field we know. Check its spelling against the field reference in docs/editing.md.",
      ),
    },
  )
  .superRefine((fm, ctx) => {
    if (fm.seriesNo !== undefined && fm.series === undefined) {
      ctx.addIssue({ code: "custom", path: ["seriesNo"], message: say("이(가) 있는데 `series`가 없습니다. 연재 이름을 넣으세요.", "is set but `series` is not: add the series name.") });
    }
    fm.corrections.forEach((correction, index) => {
      if (Date.parse(correction.date) < Date.parse(fm.date))
        ctx.addIssue({ code: "custom", path: ["corrections", index, "date"], message: say("이(가) 기사의 `date`보다 이릅니다. 정정은 기사가 나간 뒤에 합니다.", "is earlier than `date`: a correction follows the article it corrects.") });
    });
    if (fm.updated && Date.parse(fm.updated) < Date.parse(fm.date)) {
      ctx.addIssue({ code: "custom", path: ["updated"], message: say("이(가) `date`보다 이릅니다. 기사는 출고 전에 수정될 수 없습니다.", "is earlier than `date`: an article cannot be revised before it was published.") });
    }
  });

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export type Author = z.infer<typeof authorSchema>;
/** The lead image with its size, and the photo it names when it is one (content/images/). */
export type ArticleImage = z.infer<typeof leadImageSchema> & { width: number; height: number; photo?: PhotoRef };
export type ArticleKind = (typeof KINDS)[number];
export type Correction = z.infer<typeof correctionSchema>;

/** An image found in the body, with its size read from the file, and the photo it names when it is one. */
export type BodyImage = { src: string; alt: string; width: number; height: number; photo?: PhotoRef };

/** A published article as pages see it: frontmatter plus what the loader derives. */
export type Article = Omit<Frontmatter, "image"> & {
  image?: ArticleImage;
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
  /**
   * The words the title's headline abbreviations stand for (日 → 일본: content/search-abbreviations.yaml),
   * searched as tags are. Absent when the title has none.
   */
  headlineWords?: string[];
};

/** An article as lists show it (lib/archive/): no HTML, and only the start of its text, enough for any teaser. */
export type ArticleCard = Omit<Article, "html">;

export const BANNER_SLOTS = ["sidebar-top-1", "sidebar-top-2", "sidebar-top-3", "sidebar-bottom-1", "sidebar-bottom-2"] as const;

export const bannerSchema = z.strictObject({
  slot: z.enum(BANNER_SLOTS, { error: say(`은(는) ${BANNER_SLOTS.join(", ")} 가운데 하나입니다.`, `must be one of: ${BANNER_SLOTS.join(", ")}.`) }),
  image: imageSchema.omit({ caption: true, placeholder: true }),
  link: z.string().regex(/^(?:https?:\/\/[^\s]+|\/[^\s]*)$/, {
    error: say("은(는) http(s) 주소이거나 /로 시작하는 이 사이트의 경로입니다.", "must be an http(s) address or a path on this site starting with /."),
  }),
  start: editorDate("start"),
  end: editorDate("end"),
  weight: z.number().int().min(1).default(1),
  label: z.string().trim().min(1).optional(),
});

export const bannersFileSchema = z.strictObject({ banners: z.array(bannerSchema) });

/** content/search-abbreviations.yaml: headline abbreviations (日) and the words they stand for (일본). */
export const abbreviationsFileSchema = z.strictObject(
  {
    abbreviations: z.record(
      z
        .string()
        .min(1)
        .max(3, { error: say("은(는) 한 글자에서 세 글자인 약어입니다.", "must be an abbreviation of one to three characters.") }),
      z
        .string()
        .trim()
        .regex(/^[\uac00-\ud7a3]{1,10}$/, { error: say("은(는) 한글 한 낱말(열 글자까지)입니다. 예: `日: 일본`", "must be one Korean word of up to ten syllables, as in `日: 일본`.") }),
      {
        error: say(
          "은(는) `日: 일본`처럼 한 줄에 하나씩, 한 글자에서 세 글자인 약어와 그 말을 씁니다.",
          "must map an abbreviation of one to three characters to its word, one per line, as `日: 일본`.",
        ),
      },
    ),
  },
  { error: say("에는 abbreviations 하나만 씁니다.", "holds `abbreviations` only.") },
);
export type Banner = z.infer<typeof bannerSchema>;

/** `what`: the notice in Korean and in English, as [ko, en]. */
const notice = ([ko, en]: [string, string]) =>
  z
    .string({ error: say(`이(가) 없습니다. 적을 내용: ${ko}.`, `is missing: write ${en}.`) })
    .trim()
    .min(1, { error: say(`이(가) 비어 있습니다. 적을 내용: ${ko}.`, `is empty: write ${en}.`) });
const noticeDate = ([ko, en]: [string, string]) =>
  z
    .string({ error: say(`이(가) 없습니다. 적을 내용: ${ko}, 2008-01-31 꼴로.`, `is missing: write ${en} as 2008-01-31.`) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: say(`은(는) 2008-01-31 꼴로 씁니다. 적을 내용: ${ko}.`, `must be ${en} written as 2008-01-31.`) });

/**
 * The notices every Korean internet newspaper must show (신문 등의 진흥에 관한 법률 제21조 and its
 * enforcement decree, and the 청소년보호책임자 of 청소년 보호법): content/publisher.yaml, on every page.
 */
export const publisherSchema = z.strictObject(
  {
    /** true while the file holds the shipped sample values: shown labelled, refused in a production build. */
    sample: z.boolean({ error: say("은(는) true 또는 false입니다.", "must be true or false.") }).default(false),
    title: notice(["등록된 제호", "the paper's registered name (제호)"]),
    registrationNumber: notice(["등록번호", "the registration number (등록번호)"]),
    registrationDate: noticeDate(["등록연월일", "the registration date (등록연월일)"]),
    publisher: notice(["발행인 이름", "the publisher's name (발행인)"]),
    editor: notice(["편집인 이름", "the editor's name (편집인)"]),
    address: notice(["발행소 주소", "the office address (발행소 주소)"]),
    phone: notice(["발행소 전화번호", "the office phone number (전화번호)"]),
    firstPublished: noticeDate(["발행연월일(첫 발행일)", "the date of first publication (발행연월일)"]),
    /**
     * Nicknames readers may not take in comments (lib/engagement/nicknames.ts), besides the paper's own
     * name (title), which is always reserved: the newsroom's roles, so no reader can pass for staff.
     */
    reservedNicknames: z
      .array(z.string().trim().min(1), { error: say("은(는) 닉네임 목록입니다(- 관리자 처럼 한 줄에 하나).", "must be a list of nicknames (one per line, - 관리자).") })
      .default(["관리자", "운영자", "운영진", "편집국", "편집부", "편집자", "데스크", "admin", "administrator", "moderator", "staff"]),
    youthProtectionOfficer: z.strictObject(
      {
        name: notice(["청소년보호책임자 이름", "the name of the 청소년보호책임자"]),
        contact: notice(["청소년보호책임자 연락처(전화나 전자우편)", "how to reach the 청소년보호책임자 (phone or e-mail)"]),
      },
      { error: say("에는 name과 contact가 있어야 합니다.", "must have name and contact.") },
    ),
  },
  {
    error: say(
      "에 모르는 항목이 있습니다(쓸 수 있는 항목: sample, title, registrationNumber, registrationDate, publisher, editor, address, phone, firstPublished, reservedNicknames, youthProtectionOfficer).",
      "has a field we do not know (allowed: sample, title, registrationNumber, registrationDate, publisher, editor, address, phone, firstPublished, reservedNicknames, youthProtectionOfficer).",
    ),
  },
);
export type Publisher = z.infer<typeof publisherSchema>;
