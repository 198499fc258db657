// Which database to use, from DATABASE_URL: PostgreSQL for postgres:// URLs, otherwise a SQLite file.
import path from "node:path";

export type DatabaseConfig = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string };

/** Unset: data/portal.db. `postgres://…`: PostgreSQL. `file:x.db`, a path or `:memory:`: SQLite. */
export function databaseConfig(raw: string | undefined = process.env.DATABASE_URL): DatabaseConfig {
  const value = raw?.trim();
  if (!value) return { engine: "sqlite", file: path.resolve(/* turbopackIgnore: true */ process.cwd(), "data", "portal.db") };
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: "postgres", url: value };
  if (value === ":memory:") return { engine: "sqlite", file: value };
  const file = value.startsWith("file:") ? decodeURIComponent(value.slice(5).replace(/^\/\/(?=\/)/, "")) : value;
  return { engine: "sqlite", file: path.resolve(/* turbopackIgnore: true */ process.cwd(), file) };
}
