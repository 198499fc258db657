// npm run content:check — validates every file under content/ (or CONTENT_DIR); exits 1 on any problem.
import { buildCatalog } from "@/lib/catalog";
import { readContent } from "@/lib/content";
import { ContentError, say } from "@/lib/content/problems";
import { formatKstDateTime } from "@/lib/dates";
import { contentDir } from "@/lib/site";

const dir = contentDir();
try {
  const content = readContent(dir);
  const catalog = buildCatalog(content, Date.now());
  console.log(
    say(
      `콘텐츠 이상 없음: ${dir}에 기사 ${content.articles.length}건, 그중 출고 ${catalog.articles.length}건, 배너 ${content.banners.length}개.`,
      `content OK: ${content.articles.length} articles in ${dir}, ${catalog.articles.length} published, ${content.banners.length} banners.`,
    ),
  );
  for (const article of catalog.withheld) {
    const at = formatKstDateTime(article.date);
    const why = article.draft ? say("초고(draft)", "draft") : say(`${at} 예약 출고`, `scheduled for ${at} KST`);
    console.log(say(`  아직 출고 안 함(${why}): ${article.file}`, `  not published (${why}): ${article.file}`));
  }
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
