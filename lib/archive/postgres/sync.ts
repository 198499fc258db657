// The read model copied into PostgreSQL: the first instance of a new build to start copies only the
// articles whose digest changed and removes the ones gone, under an advisory lock in one transaction, so
// only one process syncs per deploy and readers see the old archive or the new one, never half of each.
import type Database from "better-sqlite3";
import pg from "pg";
import { postgresTokens, searchFields, searchWords } from "@/lib/search-core/tokens";
import { groupEntriesOf, READ_MODEL_VERSION } from "@/lib/archive/write";
import { PG_SCHEMA_VERSION, SAMPLED, SCHEMA, TABLES, toArticle, type ArticleRow } from "@/lib/archive/postgres/schema";
import type { Article } from "@/lib/content/schema";
import type { GroupKind } from "@/lib/archive/reader";

export type SyncResult = { synced: boolean; added: number; changed: number; removed: number; unchanged: number; reason?: string };

type BuildMark = { id: string; writtenAt: number };

/** The share of articles a sync must write or remove for it to analyze the tables (autovacuum's default). */
const REANALYZE_SHARE = 0.1;

/** Rows written per INSERT: json_populate_recordset turns one JSON array into many rows. */
const SYNC_BATCH = 500;

/**
 * Makes the PostgreSQL read model (tables in the pool's search_path) what the build's SQLite read model
 * `source` holds, touching only articles whose digest differs, in one transaction under an advisory lock:
 * a second process starting at the same time waits, then finds the build synced and does nothing. A
 * build older than the one synced (an old instance restarting mid-deploy) leaves it alone.
 */
export async function syncReadModel(pool: pg.Pool, source: Database.Database): Promise<SyncResult> {
  const sourceMeta = (key: string) =>
    (source.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;
  const build = JSON.parse(sourceMeta("build") ?? "null") as BuildMark | null;
  if (sourceMeta("version") !== String(READ_MODEL_VERSION) || !build)
    throw new Error("The build's read model was written by other code: run npm run build.");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('portal:archive-sync'))");
    const exists = (await client.query("SELECT to_regclass('archive_meta') IS NOT NULL AS exists")).rows[0].exists as boolean;
    const version = exists
      ? ((await client.query("SELECT value FROM archive_meta WHERE key = 'schema'")).rows[0]?.value as string | undefined)
      : undefined;
    if (version !== PG_SCHEMA_VERSION) {
      await client.query(`DROP TABLE IF EXISTS ${TABLES.join(", ")} CASCADE`);
      const trgm = await trgmSchema(client);
      await client.query(SCHEMA.replaceAll("@trgm.", `${trgm}.`).replaceAll("@sampled", SAMPLED));
      await client.query("INSERT INTO archive_meta (key, value) VALUES ('schema', $1)", [PG_SCHEMA_VERSION]);
    }
    const synced = (await client.query("SELECT value FROM archive_meta WHERE key = 'build'")).rows[0]?.value as
      string | undefined;
    const current = synced ? (JSON.parse(synced) as BuildMark) : undefined;
    const wanted = source.prepare("SELECT slug, hash FROM articles").all() as { slug: string; hash: string }[];
    if (current?.id === build.id || (current && current.writtenAt > build.writtenAt)) {
      await client.query("COMMIT");
      const reason = current.id === build.id ? "this build is synced" : "a newer build is synced";
      return { synced: false, added: 0, changed: 0, removed: 0, unchanged: wanted.length, reason };
    }

    const have = new Map(
      ((await client.query("SELECT slug, hash FROM archive_articles")).rows as { slug: string; hash: string }[]).map((r) => [
        r.slug,
        r.hash,
      ]),
    );
    const wantedSlugs = new Set(wanted.map((w) => w.slug));
    const gone = [...have.keys()].filter((slug) => !wantedSlugs.has(slug));
    const changed = wanted.filter((w) => have.has(w.slug) && have.get(w.slug) !== w.hash).map((w) => w.slug);
    const added = wanted.filter((w) => !have.has(w.slug)).map((w) => w.slug);
    // A changed article is removed and written again: its memberships, aliases and search row go with it.
    await client.query("DELETE FROM archive_articles WHERE slug = ANY($1::text[])", [[...gone, ...changed]]);

    const write = [...changed, ...added];
    // The first sync into an empty database builds the gram indexes once at the end rather than row by row,
    // each as SCHEMA defines it (read back from the catalogue). Only then: dropping an index locks the
    // table, and a later sync has readers (the previous build's instances) that must go on searching the
    // old rows until this transaction commits.
    const bulk = have.size === 0 && write.length > 1000;
    const ginIndexes = bulk
      ? (
          await client.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename = 'archive_search_tokens' AND indexdef LIKE '% USING gin %'`,
          )
        ).rows
      : [];
    for (const { name } of ginIndexes) await client.query(`DROP INDEX ${name}`);
    const read = source.prepare(
      `SELECT a.slug, a.hash, t.card, t.html, t.plain_text FROM articles a JOIN article_texts t ON t.id = a.id WHERE a.slug = ?`,
    );
    const aliasesOf = source.prepare("SELECT l.alias FROM aliases l JOIN articles a ON a.id = l.article_id WHERE a.slug = ?");
    for (let i = 0; i < write.length; i += SYNC_BATCH) {
      const rows = write.slice(i, i + SYNC_BATCH).map((slug) => {
        const row = read.get(slug) as { slug: string; hash: string } & ArticleRow;
        return { row, article: toArticle(row), aliases: (aliasesOf.all(slug) as { alias: string }[]).map((a) => a.alias) };
      });
      await insertArticles(client, rows);
    }
    for (const { definition } of ginIndexes) await client.query(definition);

    await client.query("DELETE FROM archive_photos");
    const photos = source.prepare("SELECT hash, photo FROM photos").all() as { hash: string; photo: string }[];
    for (let i = 0; i < photos.length; i += SYNC_BATCH)
      await client.query("INSERT INTO archive_photos SELECT * FROM json_populate_recordset(null::archive_photos, $1)", [
        JSON.stringify(photos.slice(i, i + SYNC_BATCH)),
      ]);
    for (const key of ["publisher", "banners", "vocabulary", "abbreviations"])
      await client.query(
        "INSERT INTO archive_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, sourceMeta(key)],
      );
    await client.query(
      "INSERT INTO archive_meta (key, value) VALUES ('build', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [JSON.stringify(build)],
    );
    await client.query("COMMIT");
    // VACUUM keeps the visibility map that index-only scans read (0.2 s at 100,000 articles). ANALYZE
    // reads a sample of every table, the tokens' tsvectors included (15 s at 100,000, most of a start
    // that syncs one article): it runs when much has changed, and autovacuum's own analyze covers the rest.
    if (write.length || gone.length) {
      const analyze = bulk || write.length + gone.length > wanted.length * REANALYZE_SHARE ? "ANALYZE" : "";
      await client.query(`VACUUM ${analyze} archive_articles, archive_group_members, archive_search, archive_search_tokens`);
    }
    return {
      synced: true,
      added: added.length,
      changed: changed.length,
      removed: gone.length,
      unchanged: wanted.length - write.length,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The schema every read model's word index takes pg_trgm's operator classes from. */
const EXTENSION_SCHEMA = "extensions";

/**
 * Makes sure pg_trgm (contrib: it indexes the words) is installed, and says in which schema. Left to
 * itself, CREATE EXTENSION installs into the first schema of the search_path, which is the read model's
 * own when it has one: dropping that schema (CASCADE) would then drop the extension and, with it, the
 * word index of every other read model in the database. So it is installed into a schema of its own, and
 * one an earlier version installed into the read model's schema is moved there.
 */
async function trgmSchema(client: pg.PoolClient): Promise<string> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${EXTENSION_SCHEMA}`);
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ${EXTENSION_SCHEMA}`);
  const where = async () =>
    (
      await client.query<{ schema: string; current: string }>(
        "SELECT extnamespace::regnamespace::text AS schema, current_schema() AS current FROM pg_extension WHERE extname = 'pg_trgm'",
      )
    ).rows[0]!;
  const found = await where();
  if (found.schema !== found.current || found.schema === "public") return found.schema;
  await client.query(`ALTER EXTENSION pg_trgm SET SCHEMA ${EXTENSION_SCHEMA}`);
  return (await where()).schema;
}

/** Writes articles (new ids) with their memberships, aliases and search rows. */
async function insertArticles(
  client: pg.PoolClient,
  rows: { row: { slug: string; hash: string } & ArticleRow; article: Article; aliases: string[] }[],
): Promise<void> {
  const articles = rows.map(({ row, article }) => ({
    slug: row.slug,
    hash: row.hash,
    time: Date.parse(article.date),
    draft: article.draft ?? false,
    section: article.section,
    column_slug: article.column ?? null,
    approximate: article.dateApproximate ?? false,
    last_modified: article.lastModified,
    relation: JSON.stringify({ tags: article.tags, series: article.series ?? null }),
    card: row.card,
    html: row.html,
    plain_text: row.plain_text,
  }));
  const ids = new Map(
    (
      await client.query(
        `INSERT INTO archive_articles (slug, hash, time, draft, section, column_slug, approximate, last_modified, relation, card, html, plain_text)
         SELECT slug, hash, time, draft, section, column_slug, approximate, last_modified, relation, card, html, plain_text
         FROM json_populate_recordset(null::archive_articles, $1) RETURNING id, slug`,
        [JSON.stringify(articles)],
      )
    ).rows.map((r: { id: number; slug: string }) => [r.slug, r.id]),
  );
  const members: object[] = [];
  const aliases: object[] = [];
  const search: object[] = [];
  const tokens: object[] = [];
  const vocabulary = new Set<string>();
  for (const { article, aliases: addresses } of rows) {
    const id = ids.get(article.slug)!;
    const time = Date.parse(article.date);
    const draft = article.draft ?? false;
    // One row per key; the first entry names it, and each further entry with that key counts (관련기사).
    const byKey = new Map<string, { kind: GroupKind; key: string; name: string; value: string | null; multiplicity: number }>();
    for (const entry of groupEntriesOf(article)) {
      const existing = byKey.get(`${entry.kind}\u0000${entry.key}`);
      if (existing) existing.multiplicity++;
      else byKey.set(`${entry.kind}\u0000${entry.key}`, { ...entry, multiplicity: 1 });
    }
    for (const entry of byKey.values()) {
      const series = entry.kind === "series";
      members.push({
        ...entry,
        article_id: id,
        rank1: series ? (article.seriesNo ?? 0) : 0,
        rank2: series ? time : -time,
        slug: article.slug,
        time,
        draft,
        section: article.section,
      });
    }
    for (const alias of addresses) aliases.push({ alias, article_id: id });
    const fields = searchFields(article);
    search.push({ article_id: id, title: fields.title, tags: fields.tags, summary: fields.summary, body: fields.body });
    for (const word of searchWords(article)) vocabulary.add(word);
    tokens.push({ article_id: id, time, draft, slug: article.slug, tokens: postgresTokens(article, fields) });
  }
  await client.query("INSERT INTO archive_group_members SELECT * FROM json_populate_recordset(null::archive_group_members, $1)", [
    JSON.stringify(members),
  ]);
  // An old address two articles claim goes to the first, as in SQLite (INSERT OR IGNORE).
  await client.query(
    "INSERT INTO archive_aliases SELECT * FROM json_populate_recordset(null::archive_aliases, $1) ON CONFLICT (alias) DO NOTHING",
    [JSON.stringify(aliases)],
  );
  await client.query("INSERT INTO archive_search SELECT * FROM json_populate_recordset(null::archive_search, $1)", [
    JSON.stringify(search),
  ]);
  await client.query(
    `INSERT INTO archive_search_tokens SELECT article_id, time, draft, slug, array_to_tsvector(tokens)
     FROM json_to_recordset($1) AS t(article_id integer, time bigint, draft boolean, slug text, tokens text[])`,
    [JSON.stringify(tokens)],
  );
  // Words stay when their articles go: a word no article holds only widens a query by a token nothing has.
  await client.query("INSERT INTO archive_search_words SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [[...vocabulary]]);
}
