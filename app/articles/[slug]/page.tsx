import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleBody } from "@/components/article/article-body";
import { CorrectionsNotice } from "@/components/article/corrections-notice";
import { ArticleHeader } from "@/components/article/article-header";
import { ArticleToolbar } from "@/components/article/article-toolbar";
import { LeadPhoto } from "@/components/article/lead-photo";
import { ReadBeacon } from "@/components/article/read-beacon";
import { ShareButtons } from "@/components/article/share-buttons";
import { CommentSection } from "@/components/comments/comment-section";
import { EngagementSummary } from "@/components/comments/engagement-summary";
import { ColumnBox } from "@/components/article/column-box";
import { MoreOnTopic } from "@/components/article/more-on-topic";
import { RecentStrip } from "@/components/article/recent-strip";
import { RelatedArticles } from "@/components/article/related-articles";
import { TagList } from "@/components/article/tag-list";
import { WithSidebar } from "@/components/layout/with-sidebar";
import { JsonLd } from "@/components/seo/json-ld";
import { Sidebar } from "@/components/sidebar/sidebar";
import { getArticle, getAttachedColumn, getNewest, getRelated, getSidebar } from "@/lib/articles";
import { getArticleEngagement } from "@/lib/engagement/live";
import { NO_GROUP, withPlaceholder } from "@/lib/listing-route";
import { articleJsonLd, breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { articleMetadata } from "@/lib/seo/metadata";
import { absoluteUrl, site } from "@/lib/site";
import { paths } from "@/lib/urls";

type Props = { params: Promise<{ slug: string }> };

async function findArticle(props: Props) {
  const { slug } = await props.params;
  const article = await getArticle(slug);
  if (!article) notFound();
  return article;
}

export async function generateStaticParams() {
  // The newest ones; the rest render on their first request (site.prerenderArticles).
  const newest = await getNewest(Number.isFinite(site.prerenderArticles) ? site.prerenderArticles : -1);
  return withPlaceholder(
    newest.map((article) => ({ slug: article.slug })),
    { slug: NO_GROUP },
  );
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return articleMetadata(await findArticle(props));
}

export default async function ArticlePage(props: Props) {
  const article = await findArticle(props);
  const [column, newest, related, sidebar, engagement] = await Promise.all([
    getAttachedColumn(article),
    getNewest(site.recentCount + 1),
    getRelated(article),
    getSidebar(),
    getArticleEngagement(article.slug),
  ]);
  const recent = newest.filter((a) => a.slug !== article.slug).slice(0, site.recentCount);
  return (
    <>
      <JsonLd data={articleJsonLd(article)} />
      {column && <JsonLd data={articleJsonLd(column)} />}
      <JsonLd data={breadcrumbJsonLd(article)} />
      <RecentStrip articles={recent} />
      <ReadBeacon slug={article.slug} />
      <WithSidebar sidebar={<Sidebar {...sidebar} />}>
        <article>
          <EngagementSummary shares={engagement.shares} comments={engagement.commentCount} />
          <ArticleHeader article={article} />
          <CorrectionsNotice corrections={article.corrections} />
          <div className="my-3 flex flex-wrap items-center justify-between gap-2">
            <ShareButtons slug={article.slug} url={absoluteUrl(paths.article(article.slug))} title={article.title} />
            <ArticleToolbar />
          </div>
          {article.image && <LeadPhoto image={article.image} />}
          <ArticleBody article={article} />
          {column && <ColumnBox column={column} />}
          <p className="mt-6 text-xs text-ink-soft">{site.copyright}</p>
        </article>
        <MoreOnTopic article={article} />
        <TagList tags={article.tags} />
        <RelatedArticles articles={related} />
        <CommentSection slug={article.slug} engagement={engagement} />
      </WithSidebar>
    </>
  );
}
