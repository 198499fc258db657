// Parsed articles kept between runs, keyed by what decides the result: the file's bytes, its last commit
// time, the parsing code, the editors' language, and the images it names. A file none of these changed
// is not parsed again (as Astro's content layer skips entries whose digest is unchanged), so content:check
// and a build after one edit cost a read and a hash per unchanged file, not a Markdown pipeline. As git's
// index does, a file whose size, times and inode are those recorded when its bytes were last hashed is not
// even read again (`recall`).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { ParsedArticle } from "@/lib/content/parse-article";
import { site } from "@/lib/site";

/** Code whose change can change a parse: every module of lib/content and lib/images, and what they read. */
const CODE = ["lib/content", "lib/images", "lib/site.ts", "lib/dates.ts", "lib/urls.ts", "package-lock.json"];

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

type Entry = { result: ParsedArticle; dependencies: [file: string, stamp: string][] };

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
 * Opens the cache of one content folder, kept in its `.cache/` (which the content reader never lists and git
 * ignores), or returns undefined where the parsing code cannot be fingerprinted or the cache cannot be
 * opened: then everything is parsed, as before.
 */
export function openParseCache(contentDir: string): ParseCache | undefined {
  const code = codeFingerprint(path.resolve(/* turbopackIgnore: true */ process.cwd()));
  if (!code) return undefined;
  let db: SQLite.Database;
  try {
    const cacheDir = path.join(contentDir, ".cache");
    fs.mkdirSync(cacheDir, { recursive: true });
    db = new SQLite(path.join(cacheDir, "parsed.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.pragma("synchronous = OFF"); // a cache: a crash loses only work to redo
    // Read through a memory map: a check of 100,000 unchanged files looks up each one's entry, spread over
    // some 700 MB, and a page read per system call took 13 s of a 23 s check; mapped, 5 s (BENCHMARKS.md).
    db.pragma(`mmap_size = ${2 ** 32}`);
    db.exec("CREATE TABLE IF NOT EXISTS parsed (file TEXT PRIMARY KEY, key TEXT NOT NULL, entry TEXT NOT NULL) WITHOUT ROWID");
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('parsed')").all();
    if (!columns.some((column) => column.name === "identity")) db.exec("ALTER TABLE parsed ADD COLUMN identity TEXT");
  } catch {
    return undefined;
  }
  const select = db.prepare<[string], { key: string; entry: string }>("SELECT key, entry FROM parsed WHERE file = ?");
  const selectByIdentity = db.prepare<[string, string], { entry: string }>("SELECT entry FROM parsed WHERE file = ? AND identity = ?");
  // A new key forgets the identity: it is recorded again only for bytes that have settled.
  const upsert = db.prepare(
    "INSERT INTO parsed (file, key, entry) VALUES (?, ?, ?) ON CONFLICT (file) DO UPDATE SET key = excluded.key, entry = excluded.entry, identity = NULL",
  );
  const setIdentity = db.prepare("UPDATE parsed SET identity = ? WHERE file = ? AND key = ?");
  const writes: [string, string, string][] = [];
  const identities: [identity: string, file: string, key: string][] = [];
  const flush = db.transaction((rows: [string, string, string][], marks: [string, string, string][]) => {
    for (const row of rows) upsert.run(...row);
    for (const mark of marks) setIdentity.run(...mark);
  });
  const identityOf = (identity: FileIdentity, committedAt: string | undefined) =>
    createHash("sha256")
      .update(`${code}\0${path.resolve(contentDir)}\0${site.editorLanguage}\0${committedAt ?? ""}\0`)
      .update(`${identity.size}:${identity.mtimeNs}:${identity.ctimeNs}:${identity.ino}`)
      .digest("hex");
  const dependenciesHold = (entry: Entry) => entry.dependencies.every(([dependency, stamp]) => fileStamp(dependency) === stamp);
  const cache: ParseCache = {
    hits: 0,
    misses: 0,
    recall(file, identity, committedAt) {
      const row = selectByIdentity.get(file, identityOf(identity, committedAt));
      if (!row) return undefined;
      const entry = JSON.parse(row.entry) as Entry;
      if (!dependenciesHold(entry)) return undefined;
      cache.hits++;
      return entry.result;
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
      if (row?.key === key) {
        const entry = JSON.parse(row.entry) as Entry;
        if (dependenciesHold(entry)) {
          cache.hits++;
          return entry.result;
        }
      }
      cache.misses++;
      return undefined;
    },
    set(file, key, result, dependencies) {
      const entry: Entry = { result, dependencies: [...new Set(dependencies)].map((d) => [d, fileStamp(d)]) };
      writes.push([file, key, JSON.stringify(entry)]);
    },
    retain(files) {
      const gone = db
        .prepare<[], { file: string }>("SELECT file FROM parsed")
        .all()
        .filter((row) => !files.has(row.file));
      const remove = db.prepare("DELETE FROM parsed WHERE file = ?");
      db.transaction(() => gone.forEach((row) => remove.run(row.file)))();
    },
    close() {
      flush(writes.splice(0), identities.splice(0));
      db.close();
    },
  };
  return cache;
}
