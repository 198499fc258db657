// The read model's tables in PostgreSQL and what every statement over them shares: what "published"
// means, the order lists take, how a row becomes a card. Synced from the build's SQLite file
// (lib/archive/postgres/sync.ts), read by lib/archive/postgres/reader.ts and search.ts.
//
// Order: in SQLite an article's id is its place in content order; here ids are stable across syncs, so
// lists order by what content order is made of: newest first, then slug (byte order, COLLATE "C"), and a
// series by part number, then oldest first, then slug (group_members.rank1, rank2, slug).
import pg from "pg";
import type { Article, ArticleCard } from "@/lib/content/schema";
import { SAMPLE_EVERY } from "@/lib/archive/estimate";
import { READ_MODEL_VERSION } from "@/lib/archive/write";
import type { GroupSummary } from "@/lib/archive/reader";

// bigint (int8) columns are epoch milliseconds and counts: numbers, not strings.
pg.types.setTypeParser(20, (value) => Number(value));

/** Bumped with the tables below: a sync finding other tables drops and rewrites them. */
export const PG_SCHEMA_VERSION = `${READ_MODEL_VERSION}.7`;

export const TABLES = [
  "archive_search_words",
  "archive_search_tokens",
  "archive_search",
  "archive_aliases",
  "archive_group_members",
  "archive_photos",
  "archive_articles",
  "archive_meta",
];

export const SCHEMA = `
CREATE TABLE archive_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE archive_articles (
  id serial PRIMARY KEY,
  slug text COLLATE "C" NOT NULL UNIQUE,
  hash text NOT NULL,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  section text COLLATE "C" NOT NULL,
  column_slug text COLLATE "C",
  approximate boolean NOT NULL,
  last_modified text NOT NULL,
  relation text NOT NULL,
  card text NOT NULL,
  html text NOT NULL,
  plain_text text NOT NULL
);
CREATE INDEX archive_articles_newest ON archive_articles (time DESC, slug);
-- Published-ness (draft, time) and order are copied into each membership, so a listing page is one index range.
CREATE TABLE archive_group_members (
  kind text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  article_id integer NOT NULL REFERENCES archive_articles ON DELETE CASCADE,
  rank1 integer NOT NULL,
  rank2 bigint NOT NULL,
  slug text COLLATE "C" NOT NULL,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  section text COLLATE "C" NOT NULL,
  name text NOT NULL,
  value text,
  multiplicity integer NOT NULL,
  PRIMARY KEY (kind, key, article_id)
);
-- Covering: page N of a group is a walk along this index alone (VACUUM after each sync keeps it index-only).
CREATE INDEX archive_group_members_order ON archive_group_members (kind, key, rank1, rank2, slug) INCLUDE (draft, time, article_id);
-- 관련기사: the newest members of a tag in the article's own section, walked in order until enough share
-- every other tag (PostgresArchiveReader.related). Through the index above the planner read all of a
-- common tag's members and sorted them: 25–112 ms for an old article's first render at 100,000; 0.1 ms here.
CREATE INDEX archive_group_members_section_order ON archive_group_members (kind, key, section, rank1, rank2, slug)
  INCLUDE (draft, time, article_id);
CREATE INDEX archive_group_members_article ON archive_group_members (article_id);
-- Members naming a tag twice: 관련기사 bounds them apart (relatedIdeal below).
CREATE INDEX archive_group_members_repeated ON archive_group_members (kind, key) WHERE multiplicity > 1;
CREATE TABLE archive_aliases (alias text PRIMARY KEY, article_id integer NOT NULL REFERENCES archive_articles ON DELETE CASCADE);
CREATE INDEX archive_aliases_article ON archive_aliases (article_id);
CREATE TABLE archive_photos (hash text PRIMARY KEY, photo text NOT NULL);
-- Search: each article's compact fields, which score the rows the walk reaches and the longer queries'
-- matches, and apart, in a narrow table, the levels tokens of lib/archive/search-levels.ts as a tsvector
-- (a GIN index answers a state's tsquery) with what content order and publishing are made of: counting a
-- common word's matches reads this table's pages, not the bodies.
CREATE TABLE archive_search (
  article_id integer PRIMARY KEY REFERENCES archive_articles ON DELETE CASCADE,
  title text NOT NULL,
  tags text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL
);
CREATE TABLE archive_search_tokens (
  article_id integer PRIMARY KEY REFERENCES archive_articles ON DELETE CASCADE,
  time bigint NOT NULL,
  draft boolean NOT NULL,
  slug text COLLATE "C" NOT NULL,
  tokens tsvector NOT NULL
);
CREATE INDEX archive_search_tokens_levels ON archive_search_tokens USING gin (tokens);
-- Every SAMPLE_EVERY-th article by id (ids follow content order, so a systematic sample over the years): a
-- common term's total is estimated from it (PostgresArchiveReader.countMatches) instead of visiting each
-- of tens of thousands of matching rows.
CREATE INDEX archive_search_tokens_sample ON archive_search_tokens USING gin (tokens) WHERE @sampled;
CREATE INDEX archive_search_tokens_newest ON archive_search_tokens (time DESC, slug);
-- Every word (3 to 64 letters and digits) any article has held, with a trigram index (pg_trgm): the words
-- containing a longer term, whose tokens say for certain an article holds it (searchWords).
CREATE TABLE archive_search_words (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX archive_search_words_trigrams ON archive_search_words USING gin (word @trgm.gin_trgm_ops);
`;

/** `@name` placeholders as PostgreSQL's `$n`, with the values in order. */
export function bind(text: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const names: string[] = [];
  const sql = text.replace(/@([a-zA-Z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for @${name}`);
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text: sql, values: names.map((name) => params[name]) };
}

export const PUBLISHED = "NOT a.draft AND a.time <= @now";
export const MEMBER_PUBLISHED = "NOT m.draft AND m.time <= @now";
/**
 * Published, of a row s of archive_search_tokens whose tokens a statement tests. `time + 0` keeps the
 * newest-first index out of the plan: the planner does not count what testing a row's tokens costs
 * (unpacking a tsvector of thousands of lexemes), so it took that index for the time condition and
 * tested every published row, where the GIN index answers at once. On a small archive for every state
 * (2,000 articles: 25 ms a state, 110–170 ms a search, against 1 ms a state); with a LIMIT at any size
 * (countHolding: 530 ms for 1,000 rows at 100,000 articles, against 26 ms).
 */
export const TOKENS_PUBLISHED = "NOT s.draft AND s.time + 0 <= @now";
export const NEWEST = "a.time DESC, a.slug";
export const MEMBER_ORDER = "m.rank1, m.rank2, m.slug";

export type CardRow = { card: string };
export type ArticleRow = { card: string; html: string; plain_text: string };
export const toCard = (row: CardRow): ArticleCard => JSON.parse(row.card) as ArticleCard;
export const toArticle = (row: ArticleRow): Article => ({ ...toCard(row), html: row.html, plainText: row.plain_text });

/**
 * The sample (lib/archive/estimate.ts) as the partial index's predicate, which a query must repeat (of
 * its row s) to use it.
 */
export const SAMPLED = `article_id % ${SAMPLE_EVERY} = 0`;
export const SAMPLED_ROW = `s.${SAMPLED}`;

export function toGroup<T>(row: { key: string; name: string; value: string | null; count: number }): GroupSummary<T> {
  return { key: row.key, name: row.name, value: (row.value === null ? row.name : JSON.parse(row.value)) as T, count: row.count };
}
