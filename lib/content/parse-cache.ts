// Parsed articles kept between runs, keyed by what decides the result: the file's bytes, its last commit
// time, the parsing code, the editors' language, and the images it names. A file none of these changed
// is not parsed again (as Astro's content layer skips entries whose digest is unchanged), so content:check
// and a build after one edit cost a read and a hash per unchanged file, not a Markdown pipeline. As git's
// index does, a file whose size, times and inode are those recorded when its bytes were last hashed is not
// even read again (`recall`). An entry's article texts (HTML and plain text, most of its bytes) are kept
// apart and read only when something reads them: a check of 100,000 unchanged files, or a build that
// rewrites one article of the read model, decodes each file's fields, not its body.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { articleDigest, knowDigest } from "@/lib/content/digest";
import type { ParsedArticle } from "@/lib/content/parse-article";
import { say } from "@/lib/editor-language";
import type { Article } from "@/lib/content/schema";
import { site } from "@/lib/site";

/**
 * Code whose change can change a parse: every module of lib/content and lib/images, and what they read
 * (search-levels decides whether an article's search tokens fit PostgreSQL).
 */
const CODE = [
  "lib/content",
  "lib/images",
  "lib/site.ts",
  "lib/dates.ts",
  "lib/urls.ts",
  "lib/archive/search-levels.ts",
  "package-lock.json",
];

/** A fingerprint of the parsing code, or undefined where the sources are absent (then nothing is cached). */
function codeFingerprint(root: string): string | undefined {
  const hash = createHash("sha256");
  for (const entry of CODE) {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return undefined;
    const files = fs.statSync(full).isDirectory()
      ? fs
          .readdirSync(full)
          .filter((f) => f.endsWith(".ts"))
          .sort()
          .map((f) => path.join(full, f))
      : [full];
    for (const file of files) hash.update(file.slice(root.length)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** What an image a parse depended on looked like: size and modification time, or missing. */
export function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/**
 * What the entries table holds of a parse: the result with the article's texts left out (their keys kept,
 * null, so the article's fields stay in the order the parse gave them), the article's digest, and the
 * files it depended on.
 */
type Entry = { result: ParsedArticle; digest?: string; dependencies: [file: string, stamp: string][] };

type Texts = { html: string; plain_text: string };

/**
 * Makes `article`'s texts read the cache's `texts` table the first time anything reads them (then kept).
 * Accessors in place of the null fields: JSON, spreads and comparisons see the texts where a parse put them.
 */
function readTextsLazily(article: Article, load: () => Texts): void {
  let texts: Texts | undefined;
  const field = (name: keyof Texts): PropertyDescriptor => ({
    enumerable: true,
    configurable: true,
    get: () => (texts ??= load())[name],
  });
  Object.defineProperties(article, { html: field("html"), plainText: field("plain_text") });
}

/**
 * What a file's metadata says of its bytes: size, modification and change times (ns) and inode. Any write
 * changes the change time, which no tool can set back (`touch -r` sets only the modification time).
 */
export type FileIdentity = { size: number; mtimeNs: bigint; ctimeNs: bigint; ino: bigint };

/** A file written this close to when it is hashed may be written again within its times' resolution. */
const SETTLED_NS = 2_000_000_000n;

export type ParseCache = {
  /**
   * The cached result for `file` without reading it: when the identity recorded with its last hash, in the
   * same context (commit time, code, folder, language), is `identity`, and every dependency is unchanged.
   */
  recall(file: string, identity: FileIdentity, committedAt: string | undefined): ParsedArticle | undefined;
  /** The cached result for `file`, if its key and every dependency's stamp are unchanged. */
  get(file: string, key: string): ParsedArticle | undefined;
  set(file: string, key: string, result: ParsedArticle, dependencies: string[]): void;
  /** Records the identity `file` had when its bytes were hashed to `key` (after `get` or `set` with it). */
  remember(file: string, key: string, identity: FileIdentity, committedAt: string | undefined): void;
  /** Forgets files no longer in the folder. */
  retain(files: Set<string>): void;
  /** Key of one file's inputs besides its dependencies. */
  keyOf(bytes: Uint8Array, committedAt: string | undefined): string;
  hits: number;
  misses: number;
  close(): void;
};

/**
 * Reads texts from the cache at `cacheFile` for the articles of one run, over a connection opened at the
 * first read (none, when nothing reads a text) and closed when the run's articles are gone (better-sqlite3
 * closes a collected connection). One per run, not per file: a cache deleted and made again is a new file.
 */
function textsReader(cacheFile: string): (file: string, key: string) => Texts {
  let statement: SQLite.Statement<[string, string], Texts> | undefined;
  return (file, key) => {
    if (!statement) {
      const db = new SQLite(cacheFile, { readonly: true });
      db.pragma(`mmap_size = ${2 ** 32}`);
      statement = db.prepare("SELECT html, plain_text FROM texts WHERE file = ? AND key = ?");
    }
    const texts = statement.get(file, key);
    // Only another run that parsed this file after it changed replaces them: this run's content is stale.
    if (!texts)
      throw new Error(say(`${file}: 이 파일이 읽는 동안 바뀌었습니다. 다시 실행하세요.`, `${file} changed while it was being read. Run again.`));
    return texts;
  };
}

/**
 * Opens the cache of one content folder, kept in its `.cache/` (which the content reader never lists and git
 * ignores), or returns undefined where the parsing code cannot be fingerprinted or the cache cannot be
 * opened: then everything is parsed, as before.
 */
export function openParseCache(contentDir: string): ParseCache | undefined {
  const code = codeFingerprint(path.resolve(/* turbopackIgnore: true */ process.cwd()));
  if (!code) return undefined;
  const cacheFile = path.join(contentDir, ".cache", "parsed.db");
  let db: SQLite.Database;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    db = new SQLite(cacheFile);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.pragma("synchronous = OFF"); // a cache: a crash loses only work to redo
    // Read through a memory map: a check of 100,000 unchanged files looks up each one's entry, and a page
    // read per system call took 13 s of a 23 s check; mapped, 5 s (BENCHMARKS.md).
    db.pragma(`mmap_size = ${2 ** 32}`);
    // Before the texts were kept apart, entries were one table holding them (`parsed`).
    db.exec(`DROP TABLE IF EXISTS parsed;
      CREATE TABLE IF NOT EXISTS entries (file TEXT PRIMARY KEY, key TEXT NOT NULL, identity TEXT, entry TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS texts (file TEXT PRIMARY KEY, key TEXT NOT NULL, html TEXT NOT NULL, plain_text TEXT NOT NULL)`);
  } catch {
    return undefined;
  }
  const readTexts = textsReader(cacheFile);
  const select = db.prepare<[string], { key: string; entry: string }>("SELECT key, entry FROM entries WHERE file = ?");
  const selectByIdentity = db.prepare<[string, string], { key: string; entry: string }>(
    "SELECT key, entry FROM entries WHERE file = ? AND identity = ?",
  );
  // A new key forgets the identity: it is recorded again only for bytes that have settled.
  const upsert = db.prepare(
    "INSERT INTO entries (file, key, entry) VALUES (?, ?, ?) ON CONFLICT (file) DO UPDATE SET key = excluded.key, entry = excluded.entry, identity = NULL",
  );
  const upsertTexts = db.prepare("INSERT OR REPLACE INTO texts (file, key, html, plain_text) VALUES (?, ?, ?, ?)");
  const deleteTexts = db.prepare("DELETE FROM texts WHERE file = ?");
  const setIdentity = db.prepare("UPDATE entries SET identity = ? WHERE file = ? AND key = ?");
  const writes: { file: string; key: string; entry: string; texts?: Texts }[] = [];
  const identities: [identity: string, file: string, key: string][] = [];
  const flush = db.transaction((rows: typeof writes, marks: [string, string, string][]) => {
    for (const { file, key, entry, texts } of rows) {
      upsert.run(file, key, entry);
      if (texts) upsertTexts.run(file, key, texts.html, texts.plain_text);
      else deleteTexts.run(file);
    }
    for (const mark of marks) setIdentity.run(...mark);
  });
  const identityOf = (identity: FileIdentity, committedAt: string | undefined) =>
    createHash("sha256")
      .update(`${code}\0${path.resolve(contentDir)}\0${site.editorLanguage}\0${committedAt ?? ""}\0`)
      .update(`${identity.size}:${identity.mtimeNs}:${identity.ctimeNs}:${identity.ino}`)
      .digest("hex");
  /** The parse an entry row holds, if every file it depended on is as it was; its article's texts read lazily. */
  const resultOf = (file: string, row: { key: string; entry: string }): ParsedArticle | undefined => {
    const entry = JSON.parse(row.entry) as Entry;
    if (!entry.dependencies.every(([dependency, stamp]) => fileStamp(dependency) === stamp)) return undefined;
    const article = entry.result.article;
    if (article) {
      readTextsLazily(article, () => readTexts(file, row.key));
      if (entry.digest) knowDigest(article, entry.digest);
    }
    cache.hits++;
    return entry.result;
  };
  const cache: ParseCache = {
    hits: 0,
    misses: 0,
    recall(file, identity, committedAt) {
      const row = selectByIdentity.get(file, identityOf(identity, committedAt));
      return row && resultOf(file, row);
    },
    remember(file, key, identity, committedAt) {
      const settled = BigInt(Date.now()) * 1_000_000n - (identity.ctimeNs > identity.mtimeNs ? identity.ctimeNs : identity.mtimeNs);
      if (settled > SETTLED_NS) identities.push([identityOf(identity, committedAt), file, key]);
    },
    keyOf(bytes, committedAt) {
      // The folder too: a parse records absolute paths (a photo's file), and a copied folder brings its cache along.
      return createHash("sha256")
        .update(code)
        .update(`\0${path.resolve(contentDir)}`)
        .update(`\0${site.editorLanguage}\0${committedAt ?? ""}\0`)
        .update(bytes)
        .digest("hex");
    },
    get(file, key) {
      const row = select.get(file);
      const result = row?.key === key ? resultOf(file, row) : undefined;
      if (!result) cache.misses++;
      return result;
    },
    set(file, key, result, dependencies) {
      const { article } = result;
      const entry: Entry = {
        result: article ? { article: { ...article, html: null, plainText: null } as unknown as Article, problems: [] } : result,
        digest: article && articleDigest(article),
        dependencies: [...new Set(dependencies)].map((d) => [d, fileStamp(d)]),
      };
      const texts = article && { html: article.html, plain_text: article.plainText };
      writes.push({ file, key, entry: JSON.stringify(entry), texts });
    },
    retain(files) {
      const gone = db
        .prepare<[], { file: string }>("SELECT file FROM entries")
        .all()
        .filter((row) => !files.has(row.file));
      const remove = db.prepare("DELETE FROM entries WHERE file = ?");
      db.transaction(() =>
        gone.forEach((row) => {
          remove.run(row.file);
          deleteTexts.run(row.file);
        }),
      )();
    },
    close() {
      flush(writes.splice(0), identities.splice(0));
      db.close();
    },
  };
  return cache;
}
