// npm run content:check — validates every file under content/ (or CONTENT_DIR); exits 1 on any problem.
import { buildCatalog } from "@/lib/catalog";
import { readContent } from "@/lib/content";
import { ContentError } from "@/lib/content/problems";
import { formatKstDateTime } from "@/lib/dates";
import { contentDir } from "@/lib/site";

const dir = contentDir();
try {
  const content = readContent(dir);
  const catalog = buildCatalog(content, Date.now());
  console.log(
    `content OK: ${content.articles.length} articles in ${dir}, ${catalog.articles.length} published, ${content.banners.length} banners.`,
  );
  for (const article of catalog.withheld) {
    const why = article.draft ? "draft" : `scheduled for ${formatKstDateTime(article.date)} KST`;
    console.log(`  not published (${why}): ${article.file}`);
  }
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
