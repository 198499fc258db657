// The archive's read model: every article of one state of content/ in SQLite tables, written once per
// build (scripts/prepare-build.ts) into the build's own folder, so pages query rows instead of every process
// holding every article. Drafts and scheduled articles are stored too: what is published is decided per
// query against the current instant, so a scheduled article appears on time without a rebuild.
import { createHash, randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Content } from "@/lib/content";
import type { Article } from "@/lib/content/schema";
import { photosOf } from "@/lib/images/catalog";
import { levelTokens, searchFields } from "@/lib/archive/search-levels";
import { nameKey, normalizeAlias } from "@/lib/urls";

/** Bumped whenever the tables change: a server refuses a read model written by other code. */
export const READ_MODEL_VERSION = 7;

/** Characters of plain text a card keeps: enough for every teaser (the longest is 200). */
export const CARD_TEXT_LENGTH = 240;

export type GroupKind = "section" | "tag" | "series" | "author" | "pick";
export type PickKey = "why" | "only" | "magazine";

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- id is the article's place in content order (newest first, then slug): every list orders by it. The
-- facts lists, counts and 관련기사 filter and sort on are kept apart from the texts, so those scans read
-- small rows; a page reads texts only for the rows it shows.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  -- The article's digest (articleHash): what a PostgreSQL read model compares to sync only what changed.
  hash TEXT NOT NULL,
  time INTEGER NOT NULL,
  draft INTEGER NOT NULL,
  section TEXT NOT NULL,
  column_slug TEXT,
  approximate INTEGER NOT NULL,
  last_modified TEXT NOT NULL,
  -- What 관련기사 ranking reads of a candidate: its tags and series as written.
  relation TEXT NOT NULL
);
CREATE TABLE article_texts (id INTEGER PRIMARY KEY, card TEXT NOT NULL, html TEXT NOT NULL, plain_text TEXT NOT NULL);
CREATE INDEX articles_column ON articles (column_slug) WHERE column_slug IS NOT NULL;
-- Sections, tags, series, authors and the sidebar's picks: one row per member, ord its place in the group.
CREATE TABLE group_members (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  article_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT,
  -- How many of the article's own entries share this key (tags "KAST" and "kast"): 관련기사's bound.
  multiplicity INTEGER NOT NULL DEFAULT 1,
  -- The article's own draft, time and section, so a listing counts and pages its group, and 관련기사
  -- bounds its candidates, without visiting articles.
  draft INTEGER NOT NULL,
  time INTEGER NOT NULL,
  section TEXT NOT NULL,
  PRIMARY KEY (kind, key, article_id)
) WITHOUT ROWID;
-- Covering: page N of a group is a walk along this index alone, then the texts of its rows.
CREATE INDEX group_members_order ON group_members (kind, key, ord, draft, time);
CREATE INDEX group_members_article ON group_members (article_id, kind);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, article_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE photos (hash TEXT PRIMARY KEY, photo TEXT NOT NULL) WITHOUT ROWID;
-- Search: each field compacted (lib/search/normalize.ts), and its grams in an FTS5 index (lib/archive/search.ts).
-- The short fields apart from the body, so ranking reads bodies only for the matches that can still place.
CREATE TABLE search_heads (article_id INTEGER PRIMARY KEY, time INTEGER NOT NULL, draft INTEGER NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE search_bodies (article_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
-- levels: which grams are in which short field, and how often each occurs in the body (search-levels.ts).
CREATE VIRTUAL TABLE search_grams USING fts5 (title, tags, summary, body, levels, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0');
-- What is not published at an instant (drafts, scheduled): search counts its matches and takes them off.
CREATE INDEX articles_time ON articles (time);
CREATE INDEX articles_drafts ON articles (id) WHERE draft = 1;
`;

/**
 * A field's compact text as FTS5 tokens: every two-character gram in order, and after each run the run's
 * last character alone. A term of two or more characters is then the phrase of its grams (adjacent grams
 * are adjacent in the text, so the phrase matches exactly the texts holding the term); a one-character term
 * is a prefix query, which the run's last character also answers. `runs` are kept apart: the lone
 * character between them stops a phrase from spanning two tags.
 */
export function gramTokens(runs: string[]): string {
  const tokens: string[] = [];
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    if (chars.length) tokens.push(chars[chars.length - 1]!);
  }
  return tokens.join(" ");
}

/** What lists show of an article: everything but the HTML, and the start of the text for teasers. */
export function cardOf(article: Article): Omit<Article, "html"> {
  const card: Partial<Article> = { ...article, plainText: article.plainText.slice(0, CARD_TEXT_LENGTH) };
  delete card.html;
  return card as Omit<Article, "html">;
}

/** One entry of an article in a group: name as the article writes it, value (an author's facts) as JSON. */
export type GroupEntry = { kind: GroupKind; key: string; name: string; value: string | null };

/**
 * The groups an article belongs to, an entry per mention (a tag written twice is two entries: 관련기사
 * counts each): its section, tags, series, authors and the sidebar's picks.
 */
export function groupEntriesOf(article: Article): GroupEntry[] {
  const entries: GroupEntry[] = [];
  const add = (kind: GroupKind, key: string, name: string, value?: unknown) =>
    entries.push({ kind, key, name, value: value === undefined ? null : JSON.stringify(value) });
  add("section", article.section, article.section);
  for (const tag of article.tags) add("tag", nameKey(tag), tag);
  if (article.series) add("series", nameKey(article.series), article.series);
  for (const author of article.authors) add("author", nameKey(author.name), author.name, author);
  if (article.kind === "analysis" || article.kind === "column") add("pick", "why", "why");
  if (article.exclusive) add("pick", "only", "only");
  if (article.kind === "magazine") add("pick", "magazine", "magazine");
  return entries;
}

/** A digest of everything the read model stores of an article. */
export function articleHash(article: Article): string {
  return createHash("sha256").update(JSON.stringify(article)).digest("base64url");
}

/** Writes `content` into an empty database `db` in one transaction. */
export function writeReadModel(
  db: Database.Database,
  content: Pick<Content, "articles" | "banners"> & { publisher?: Content["publisher"] },
): void {
  db.exec(SCHEMA);
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, slug, hash, time, draft, section, column_slug, approximate, last_modified, relation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTexts = db.prepare("INSERT INTO article_texts (id, card, html, plain_text) VALUES (?, ?, ?, ?)");
  const insertMember = db.prepare(
    `INSERT INTO group_members (kind, key, article_id, ord, name, value, draft, time, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, key, article_id) DO UPDATE SET multiplicity = multiplicity + 1`,
  );
  const insertAlias = db.prepare("INSERT OR IGNORE INTO aliases (alias, article_id) VALUES (?, ?)");
  const insertHead = db.prepare(
    "INSERT INTO search_heads (article_id, time, draft, slug, title, tags, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertBody = db.prepare("INSERT INTO search_bodies (article_id, body) VALUES (?, ?)");
  const insertGrams = db.prepare(
    "INSERT INTO search_grams (rowid, title, tags, summary, body, levels) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertPhoto = db.prepare("INSERT INTO photos (hash, photo) VALUES (?, ?)");
  const insertMeta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");

  // A series reads in order (part ① first, then by date); every other group newest first, as content is.
  const seriesOrder = new Map(
    content.articles
      .map((article, id) => ({ article, id }))
      .filter(({ article }) => article.series)
      .sort(
        (a, b) =>
          (a.article.seriesNo ?? 0) - (b.article.seriesNo ?? 0) ||
          Date.parse(a.article.date) - Date.parse(b.article.date) ||
          a.id - b.id,
      )
      .map(({ id }, index) => [id, index]),
  );

  db.transaction(() => {
    insertMeta.run("version", String(READ_MODEL_VERSION));
    // Which state of content/ this is: a PostgreSQL read model records it, and is synced once per build.
    insertMeta.run("build", JSON.stringify({ id: randomUUID(), writtenAt: Date.now() }));
    insertMeta.run("publisher", JSON.stringify(content.publisher ?? null));
    insertMeta.run("banners", JSON.stringify(content.banners));
    content.articles.forEach((article, id) => {
      insertArticle.run(
        id,
        article.slug,
        articleHash(article),
        Date.parse(article.date),
        article.draft ? 1 : 0,
        article.section,
        article.column ?? null,
        article.dateApproximate ? 1 : 0,
        article.lastModified,
        JSON.stringify({ tags: article.tags, series: article.series ?? null }),
      );
      insertTexts.run(id, JSON.stringify(cardOf(article)), article.html, article.plainText);
      for (const entry of groupEntriesOf(article))
        insertMember.run(
          entry.kind,
          entry.key,
          id,
          entry.kind === "series" ? seriesOrder.get(id) : id,
          entry.name,
          entry.value,
          article.draft ? 1 : 0,
          Date.parse(article.date),
          article.section,
        );
      for (const alias of article.aliases) insertAlias.run(normalizeAlias(alias), id);
      const fields = searchFields(article);
      insertHead.run(
        id,
        Date.parse(article.date),
        article.draft ? 1 : 0,
        article.slug,
        fields.title,
        fields.tags,
        fields.summary,
      );
      insertBody.run(id, fields.body);
      insertGrams.run(
        id,
        gramTokens([fields.title]),
        gramTokens(fields.tagRuns),
        gramTokens([fields.summary]),
        gramTokens([fields.body]),
        levelTokens(fields).join(" "),
      );
    });
    for (const [hash, photo] of photosOf({ articles: content.articles })) insertPhoto.run(hash, JSON.stringify(photo));
  })();
  // One b-tree per gram instead of one per insert batch: queries read each gram's list in one piece.
  db.exec("INSERT INTO search_grams (search_grams) VALUES ('optimize')");
  db.exec("ANALYZE");
}
