// Runs once when a server process starts: opens the build's read model (lib/archive/) before the first
// reader arrives. Opening is a file open and a version check, nothing of the archive is loaded; on
// PostgreSQL it is the sync (lib/archive/postgres.ts), which the first instance of a build does and the
// others wait for.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { archive } = await import("@/lib/archive");
  const reader = archive();
  await reader.ready();
  // Counting every tag's members reads the whole membership index: 400 ms in one call the first time at
  // 100,000 articles (27 ms once its pages are in the cache), which the first search finding nothing would
  // otherwise pay while every other request waited (bench:abuse, "slow searches"). Paid here, at start.
  await reader.groups("tag", Date.now());
}
