// The archive's read model: every article of one state of content/ in SQLite tables, written once per
// build (scripts/prepare-build.ts) into the build's own folder, so pages query rows instead of every process
// holding every article. Drafts and scheduled articles are stored too: what is published is decided per
// query against the current instant, so a scheduled article appears on time without a rebuild.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Content } from "@/lib/content";
import { articleDigest } from "@/lib/content/digest";
import { firstOutOfContentOrder, sortIntoContentOrder } from "@/lib/content/order";
import type { Article } from "@/lib/content/schema";
import { photosOf } from "@/lib/content/photos-used";
import { levelTokens, searchFields } from "@/lib/search-core/tokens";
import { SAMPLE_EVERY } from "@/lib/archive/estimate";
import { buildVocabulary } from "@/lib/search/vocabulary";
import { nameKey, normalizeAlias } from "@/lib/urls";
import type { GroupKind } from "@/lib/archive/reader";
import { fromBodyBytes, toBodyBytes } from "@/lib/archive/sqlite/statements";

/** Bumped whenever the tables change: a server refuses a read model written by other code. */
export const READ_MODEL_VERSION = 13;

/** Characters of plain text a card keeps: enough for every teaser (the longest is 200). */
export const CARD_TEXT_LENGTH = 240;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- id is the article's place in content order (newest first, then slug): every list orders by it. The
-- facts lists, counts and 관련기사 filter and sort on are kept apart from the texts, so those scans read
-- small rows; a page reads texts only for the rows it shows.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  -- The article's digest (lib/content/digest.ts): what a PostgreSQL read model compares to sync only what changed.
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
  -- And its last change, so the sitemaps' newest change of each group needs no join.
  last_modified TEXT NOT NULL,
  PRIMARY KEY (kind, key, article_id)
) WITHOUT ROWID;
-- Covering: page N of a group is a walk along this index alone, then the texts of its rows.
CREATE INDEX group_members_order ON group_members (kind, key, ord, draft, time);
CREATE INDEX group_members_article ON group_members (article_id, kind);
-- Members naming a tag twice (KAST and kast): 관련기사 bounds them apart from the ones that cannot score more.
CREATE INDEX group_members_repeated ON group_members (kind, key) WHERE multiplicity > 1;
CREATE TABLE aliases (alias TEXT PRIMARY KEY, article_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE photos (hash TEXT PRIMARY KEY, photo TEXT NOT NULL) WITHOUT ROWID;
-- Search: each field compacted (lib/search-core/normalize.ts), and its grams in an FTS5 index (lib/archive/search.ts).
-- The short fields apart from the body, so ranking reads bodies only for the matches that can still place.
CREATE TABLE search_heads (article_id INTEGER PRIMARY KEY, time INTEGER NOT NULL, draft INTEGER NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL, summary TEXT NOT NULL);
-- The body as UTF-16LE bytes (lib/archive/sqlite/statements.ts toBodyBytes says why).
CREATE TABLE search_bodies (article_id INTEGER PRIMARY KEY, body BLOB NOT NULL);
-- levels: which grams are in which short field, and how often each occurs in the body (search-levels.ts).
CREATE VIRTUAL TABLE search_grams USING fts5 (title, tags, summary, body, levels, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0');
-- The same rows of a sample of the archive (inSample): a common query's total is estimated from its count
-- (lib/archive/estimate.ts), an eighth of the work of counting every match.
CREATE VIRTUAL TABLE search_sample USING fts5 (title, tags, summary, body, levels, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0');
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

/**
 * Space between neighbouring articles' ids in a written read model: ids order content (every list sorts
 * by them), and an update puts a new or moved article between two without renumbering (updateReadModel).
 */
const ID_GAP = 1 << 16;

/**
 * Whether the article of id `id` is in the sample (search_sample): every SAMPLE_EVERY-th id as written, in
 * content order, so the sample spans the years; an article an update put between two belongs with the one
 * before it.
 */
export function inSample(id: number): boolean {
  return ((Math.floor(id / ID_GAP) % SAMPLE_EVERY) + SAMPLE_EVERY) % SAMPLE_EVERY === 0;
}

type ReadModelContent = Pick<Content, "articles" | "banners" | "abbreviations"> & { publisher?: Content["publisher"] };

/** The FTS5 row of an article's compact fields: what is inserted, and what a contentless delete must repeat. */
function gramRow(fields: { title: string; tagRuns: string[]; summary: string; body: string }): string[] {
  return [
    gramTokens([fields.title]),
    gramTokens(fields.tagRuns),
    gramTokens([fields.summary]),
    gramTokens([fields.body]),
    levelTokens(fields).join(" "),
  ];
}

/** The statements that write one article's rows, and the content-wide rows. */
function writers(db: Database.Database) {
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, slug, hash, time, draft, section, column_slug, approximate, last_modified, relation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTexts = db.prepare("INSERT INTO article_texts (id, card, html, plain_text) VALUES (?, ?, ?, ?)");
  const insertMember = db.prepare(
    `INSERT INTO group_members (kind, key, article_id, ord, name, value, draft, time, section, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, key, article_id) DO UPDATE SET multiplicity = multiplicity + 1`,
  );
  const insertHead = db.prepare(
    "INSERT INTO search_heads (article_id, time, draft, slug, title, tags, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertBody = db.prepare("INSERT INTO search_bodies (article_id, body) VALUES (?, ?)");
  const insertGramsInto = (table: string) =>
    db.prepare(`INSERT INTO ${table} (rowid, title, tags, summary, body, levels) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertGrams = insertGramsInto("search_grams");
  const insertSample = insertGramsInto("search_sample");
  const insertAlias = db.prepare("INSERT OR IGNORE INTO aliases (alias, article_id) VALUES (?, ?)");
  const insertPhoto = db.prepare("INSERT INTO photos (hash, photo) VALUES (?, ?)");
  const setMeta = db.prepare(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  return {
    /** Every row of one article but its aliases; `seriesOrd` is its place among its series' parts. */
    article(article: Article, id: number, seriesOrd: number | undefined, hash = articleDigest(article)) {
      const time = Date.parse(article.date);
      const draft = article.draft ? 1 : 0;
      insertArticle.run(
        id,
        article.slug,
        hash,
        time,
        draft,
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
          entry.kind === "series" ? seriesOrd : id,
          entry.name,
          entry.value,
          draft,
          time,
          article.section,
          article.lastModified,
        );
      const fields = searchFields(article);
      insertHead.run(id, time, draft, article.slug, fields.title, fields.tags, fields.summary);
      insertBody.run(id, toBodyBytes(fields.body));
      const grams = gramRow(fields);
      insertGrams.run(id, ...grams);
      if (inSample(id)) insertSample.run(id, ...grams);
    },
    /** Aliases (an old address two articles claim goes to the first in content order), photos and meta. */
    contentWide(content: ReadModelContent, ids: number[]) {
      content.articles.forEach((article, index) => {
        for (const alias of article.aliases) insertAlias.run(normalizeAlias(alias), ids[index]);
      });
      for (const [hash, photo] of photosOf({ articles: content.articles })) insertPhoto.run(hash, JSON.stringify(photo));
      setMeta.run("version", String(READ_MODEL_VERSION));
      // Which state of content/ this is: a PostgreSQL read model records it, and is synced once per build.
      setMeta.run("build", JSON.stringify({ id: randomUUID(), writtenAt: Date.now() }));
      setMeta.run("publisher", JSON.stringify(content.publisher ?? null));
      setMeta.run("banners", JSON.stringify(content.banners));
      setMeta.run("abbreviations", JSON.stringify(content.abbreviations ?? {}));
      // The words search suggests from (lib/search/vocabulary.ts): of what is published as the build runs,
      // so no draft or scheduled article's word can surface before it does.
      const now = Date.now();
      setMeta.run(
        "vocabulary",
        JSON.stringify(buildVocabulary(content.articles.filter((article) => !article.draft && Date.parse(article.date) <= now))),
      );
    },
  };
}

/** Each series article's place among its series' parts: part number, then oldest first, then content order. */
function seriesOrder(articles: Article[], ids: number[]): Map<number, number> {
  return new Map(
    articles
      .map((article, index) => ({ article, id: ids[index]! }))
      .filter(({ article }) => article.series)
      .sort(
        (a, b) =>
          (a.article.seriesNo ?? 0) - (b.article.seriesNo ?? 0) ||
          Date.parse(a.article.date) - Date.parse(b.article.date) ||
          a.id - b.id,
      )
      .map(({ id }, place) => [id, place]),
  );
}

/** Writes `content` into an empty database `db` in one transaction. */
export function writeReadModel(db: Database.Database, given: ReadModelContent): void {
  const content = inContentOrder(given);
  db.exec(SCHEMA);
  const write = writers(db);
  const ids = content.articles.map((_, index) => index * ID_GAP);
  const series = seriesOrder(content.articles, ids);
  db.transaction(() => {
    content.articles.forEach((article, index) => write.article(article, ids[index]!, series.get(ids[index]!)));
    write.contentWide(content, ids);
  })();
  // One b-tree per gram instead of one per insert batch: queries read each gram's list in one piece.
  db.exec("INSERT INTO search_grams (search_grams) VALUES ('optimize')");
  db.exec("INSERT INTO search_sample (search_sample) VALUES ('optimize')");
  db.exec("ANALYZE");
}

/**
 * `content` with its articles in content order (lib/content/order.ts), as readContent gives them. Ids are
 * places in that order, and a sorted or filtered search takes a period of publication for one range of
 * ids (lib/archive/sqlite/search.ts scopeOf): articles written in any other order would be listed out of
 * order and searched in the wrong periods (a benchmark's unsorted archive found nothing by date).
 */
function inContentOrder<T extends ReadModelContent>(content: T): T {
  if (firstOutOfContentOrder(content.articles) < 0) return content;
  return { ...content, articles: sortIntoContentOrder([...content.articles]) };
}

/** Past this share of the archive changed (an update deletes and writes each), writing it anew is as quick. */
const UPDATE_AT_MOST = 0.25;

export type ReadModelUpdate = { added: number; changed: number; removed: number; unchanged: number };

/**
 * Brings a read model written for an earlier state of content/ (a copy of the previous build's) to
 * `content` in one transaction, touching only the articles whose digest changed, as PostgreSQL's sync
 * does: a changed or removed article's rows go (its FTS5 row deleted with the tokens it was written with,
 * rebuilt from its stored compact fields), new and changed ones are written at an id between their
 * neighbours', and what spans articles (aliases, photos, the series' order, meta) is written anew.
 * Returns undefined, having changed nothing, when it cannot: another version's tables, no room between
 * two ids, or so much changed that writing anew is as quick.
 */
export function updateReadModel(
  db: Database.Database,
  given: ReadModelContent,
  { atMost = UPDATE_AT_MOST } = {},
): ReadModelUpdate | undefined {
  const content = inContentOrder(given);
  const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get() as string | undefined;
  if (version !== String(READ_MODEL_VERSION)) return undefined;
  const have = new Map(
    (db.prepare("SELECT slug, id, hash FROM articles").all() as { slug: string; id: number; hash: string }[]).map((row) => [
      row.slug,
      row,
    ]),
  );
  const hashes = content.articles.map((article) => articleDigest(article));
  const kept = content.articles.map((article, index) => have.get(article.slug)?.hash === hashes[index]);
  const wanted = new Set(content.articles.map((article) => article.slug));
  const removed = [...have.values()].filter((row) => !wanted.has(row.slug));
  const changed = content.articles.filter((article, index) => have.has(article.slug) && !kept[index]);
  const added = content.articles.filter((article) => !have.has(article.slug));
  if (removed.length + changed.length + added.length > atMost * Math.max(have.size, content.articles.length)) return undefined;

  // Ids: a kept article keeps its own; each run of written ones is spread evenly between the ids around
  // it (or a gap's width beyond the first or last). Kept articles stay in their order: content order is
  // made of their own facts.
  // A changed article whose old id still sits between its neighbours' keeps it too.
  const nextKept: number[] = [];
  for (let index = content.articles.length - 1, next = Infinity; index >= 0; index--) {
    nextKept[index] = next;
    if (kept[index]) next = have.get(content.articles[index]!.slug)!.id;
  }
  let last = -Infinity;
  const ids: number[] = content.articles.map((article, index) => {
    const old = have.get(article.slug)?.id;
    if (old === undefined || !(kept[index] || (old > last && old < nextKept[index]!))) return NaN;
    last = old;
    return old;
  });
  for (let start = 0; start < ids.length;) {
    if (!Number.isNaN(ids[start]!)) {
      if (start > 0 && ids[start]! <= ids[start - 1]!) return undefined;
      start++;
      continue;
    }
    let end = start;
    while (end < ids.length && Number.isNaN(ids[end]!)) end++;
    const run = end - start;
    const before = start > 0 ? ids[start - 1]! : undefined;
    const after = end < ids.length ? ids[end]! : undefined;
    const low = before ?? (after ?? 0) - (run + 1) * ID_GAP;
    const high = after ?? low + (run + 1) * ID_GAP;
    const step = Math.floor((high - low) / (run + 1));
    if (step < 1) return undefined;
    for (let i = 0; i < run; i++) ids[start + i] = low + step * (i + 1);
    start = end;
  }

  const rowsOf = db.prepare(
    "SELECT h.title, h.tags, h.summary, b.body FROM search_heads h JOIN search_bodies b ON b.article_id = h.article_id WHERE h.article_id = ?",
  );
  const deleteGramsFrom = (table: string) =>
    db.prepare(`INSERT INTO ${table} (${table}, rowid, title, tags, summary, body, levels) VALUES ('delete', ?, ?, ?, ?, ?, ?)`);
  const deleteGrams = deleteGramsFrom("search_grams");
  const deleteSample = deleteGramsFrom("search_sample");
  const deletes = [
    "articles WHERE id",
    "article_texts WHERE id",
    "group_members WHERE article_id",
    "search_heads WHERE article_id",
    "search_bodies WHERE article_id",
  ].map((where) => db.prepare(`DELETE FROM ${where} = ?`));
  const setSeriesOrd = db.prepare("UPDATE group_members SET ord = ? WHERE kind = 'series' AND article_id = ?");
  const write = writers(db);
  db.transaction(() => {
    for (const row of [...removed, ...changed.map((article) => have.get(article.slug)!)]) {
      const fields = rowsOf.get(row.id) as { title: string; tags: string; summary: string; body: Buffer };
      const grams = gramRow({ ...fields, body: fromBodyBytes(fields.body), tagRuns: fields.tags.split("\n") });
      deleteGrams.run(row.id, ...grams);
      if (inSample(row.id)) deleteSample.run(row.id, ...grams);
      for (const statement of deletes) statement.run(row.id);
    }
    const series = seriesOrder(content.articles, ids);
    content.articles.forEach((article, index) => {
      if (!kept[index]) write.article(article, ids[index]!, series.get(ids[index]!), hashes[index]);
    });
    // Parts' places are relative within a series: every part's is written again (a few rows per series).
    for (const [id, place] of series) setSeriesOrd.run(place, id);
    db.exec("DELETE FROM aliases; DELETE FROM photos");
    write.contentWide(content, ids);
  })();
  db.exec("PRAGMA optimize");
  return {
    added: added.length,
    changed: changed.length,
    removed: removed.length,
    unchanged: content.articles.length - added.length - changed.length,
  };
}
