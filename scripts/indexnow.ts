// npm run indexnow — after a deploy: tells IndexNow (Naver, Bing) which article URLs are new or changed
// since the last run. Reads the published catalog from content/, remembers what it sent in
// data/indexnow-state.json (INDEXNOW_STATE), and needs INDEXNOW_KEY (served at /indexnow-key.txt by the
// site) and SITE_URL. INDEXNOW_ENDPOINT defaults to https://api.indexnow.org/indexnow (shared with Naver's
// https://searchadvisor.naver.com/indexnow).
import fs from "node:fs";
import path from "node:path";
import { buildCatalog } from "@/scripts/lib/catalog";
import { readContent } from "@/lib/content";
import { INDEXNOW_KEY_PATTERN, indexNowBodies, indexNowChanges, type IndexNowState } from "@/lib/seo/indexnow";
import { contentDir, site } from "@/lib/site";

async function main() {
  const key = process.env.INDEXNOW_KEY?.trim() ?? "";
  if (!INDEXNOW_KEY_PATTERN.test(key))
    throw new Error("INDEXNOW_KEY must be set: 8 to 128 letters, digits or dashes (the same value the site serves).");
  const endpoint = process.env.INDEXNOW_ENDPOINT || "https://api.indexnow.org/indexnow";
  const stateFile = path.resolve(process.env.INDEXNOW_STATE || "data/indexnow-state.json");
  const submitted: IndexNowState = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, "utf8")) : {};
  const catalog = buildCatalog(readContent(contentDir()), Date.now());
  const { urls, state } = indexNowChanges(catalog.articles, submitted);
  if (!urls.length) {
    console.log("IndexNow: nothing new or changed since the last submission.");
    return;
  }
  for (const body of indexNowBodies(urls, key, site.url)) {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
    });
    // 200 and 202 mean received; anything else leaves the state as it was, so the next run sends them again.
    if (response.status !== 200 && response.status !== 202)
      throw new Error(`IndexNow answered ${response.status}: ${await response.text()}`);
  }
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
  console.log(`IndexNow: submitted ${urls.length} URL(s) to ${endpoint}.`);
}

main().catch((error) => {
  console.error(`npm run indexnow: ${(error as Error).message}`);
  process.exit(1);
});
