import { paths } from "@/lib/urls";

/** 관련어 선택: the article's tags, each linking to its tag page. */
export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <section aria-labelledby="tag-list-heading" className="no-print mt-6">
      <h2 id="tag-list-heading" className="font-bold">
        관련어 선택
      </h2>
      <ul className="tag-chips mt-2 flex flex-wrap gap-2 text-sm">
        {tags.map((tag) => (
          <li key={tag}>
            <a href={paths.tag(tag)}>#{tag}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
