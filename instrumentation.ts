// Runs once when a server process starts: parse content/ before the first reader arrives, so the first
// request after a deploy does not wait for it (seconds on a large archive: BENCHMARKS.md, "Cold start").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadContent } = await import("@/lib/content");
  loadContent();
}
