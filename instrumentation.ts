// Runs once when a server process starts: opens the build's read model (lib/archive/) before the first
// reader arrives. Opening is a file open and a version check, nothing of the archive is loaded; on
// PostgreSQL it is the sync (lib/archive/postgres.ts), which the first instance of a build does and the
// others wait for.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { archive } = await import("@/lib/archive");
  await archive().ready();
}
