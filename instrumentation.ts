// Runs once when a server process starts: opens the build's read model (lib/archive/) before the first
// reader arrives. Opening is a file open and a version check, nothing of the archive is loaded; on
// PostgreSQL it is the sync (lib/archive/postgres/sync.ts), which the first instance of a build does and
// the others wait for: npm start's server has done it already, in a thread of its own (syncBeforeServing).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { archive } = await import("@/lib/archive");
  const reader = archive();
  await reader.ready();
  // The vocabulary search suggests from (lib/search/understand.ts) is parsed once per process: at 100,000
  // articles its lines and their 초성 take a while in one call, which the first search finding nothing
  // would otherwise pay while every other request waited. Paid here, at start.
  // With search threads (the production server on SQLite) each thread parses its own, and this one none.
  const { installedSearchThreads } = await import("@/lib/archive/search-threads");
  if (installedSearchThreads()) return;
  const { vocabularyOf } = await import("@/lib/search/understand");
  await vocabularyOf(reader);
}
