import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleBody } from "@/components/article/article-body";
import { ArticleHeader } from "@/components/article/article-header";
import { ArticleToolbar } from "@/components/article/article-toolbar";
import { ColumnBox } from "@/components/article/column-box";
import { MoreOnTopic } from "@/components/article/more-on-topic";
import { RecentStrip } from "@/components/article/recent-strip";
import { RelatedArticles } from "@/components/article/related-articles";
import { TagList } from "@/components/article/tag-list";
import { WithSidebar } from "@/components/layout/with-sidebar";
import { JsonLd } from "@/components/seo/json-ld";
import { Sidebar } from "@/components/sidebar/sidebar";
import { getCatalog, getPublicationInstant } from "@/lib/articles";
import { attachedColumn, relatedArticles, sidebarContent } from "@/lib/catalog";
import { articleJsonLd, breadcrumbJsonLd } from "@/lib/seo/json-ld";
import { articleMetadata } from "@/lib/seo/metadata";
import { site } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

async function findArticle(props: Props) {
  const { slug } = await props.params;
  const catalog = await getCatalog();
  const article = catalog.bySlug.get(slug);
  if (!article) notFound();
  return { article, catalog };
}

export async function generateStaticParams() {
  const catalog = await getCatalog();
  return catalog.articles.map((article) => ({ slug: article.slug }));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { article } = await findArticle(props);
  return articleMetadata(article);
}

export default async function ArticlePage(props: Props) {
  const { article, catalog } = await findArticle(props);
  const column = attachedColumn(catalog, article);
  const recent = catalog.articles.filter((a) => a.slug !== article.slug).slice(0, site.recentCount);
  const sidebar = sidebarContent(catalog, await getPublicationInstant());
  return (
    <>
      <JsonLd data={articleJsonLd(article)} />
      {column && <JsonLd data={articleJsonLd(column)} />}
      <JsonLd data={breadcrumbJsonLd(article)} />
      <RecentStrip articles={recent} />
      <WithSidebar sidebar={<Sidebar {...sidebar} />}>
        <article>
          <ArticleHeader article={article} />
          <div className="my-3 flex justify-end">
            <ArticleToolbar />
          </div>
          <ArticleBody article={article} />
          {column && <ColumnBox column={column} />}
        </article>
        <MoreOnTopic article={article} />
        <TagList tags={article.tags} />
        <RelatedArticles articles={relatedArticles(catalog, article)} />
      </WithSidebar>
    </>
  );
}
