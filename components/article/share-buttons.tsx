"use client";
// Share links that need no third-party script (they work as plain links), link copy and the Web Share API.
// Each share is counted once with POST /api/articles/[slug]/shares.
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

type Props = { slug: string; url: string; title: string };

export function ShareButtons({ slug, url, title }: Props) {
  const router = useRouter();
  const [copied, setCopied] = useState(false);
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );

  function count() {
    void fetch(`/api/articles/${slug}/shares`, { method: "POST", keepalive: true }).then((r) => r.ok && router.refresh());
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      count();
    } catch {
      window.prompt("주소를 복사하세요", url);
    }
  }

  async function share() {
    try {
      await navigator.share({ title, url });
      count();
    } catch {
      // The reader closed the share sheet: nothing was shared.
    }
  }

  const encoded = encodeURIComponent(url);
  const links = [
    { name: "페이스북", href: `https://www.facebook.com/sharer/sharer.php?u=${encoded}` },
    { name: "X", href: `https://twitter.com/intent/tweet?url=${encoded}&text=${encodeURIComponent(title)}` },
    { name: "카카오스토리", href: `https://story.kakao.com/share?url=${encoded}` },
    { name: "네이버", href: `https://share.naver.com/web/shareView?url=${encoded}&title=${encodeURIComponent(title)}` },
  ];
  const item = "rounded border border-rule px-2 py-1 hover:border-brand";
  return (
    <ul aria-label="공유하기" className="no-print flex flex-wrap gap-1 text-xs">
      {links.map((link) => (
        <li key={link.name}>
          <a href={link.href} target="_blank" rel="noopener noreferrer" onClick={count} className={`inline-block ${item}`}>
            {link.name}
          </a>
        </li>
      ))}
      <li>
        <button type="button" onClick={copy} className={item}>
          {copied ? "복사됨" : "링크 복사"}
        </button>
      </li>
      {canShare && (
        <li>
          <button type="button" onClick={share} className={item}>
            공유…
          </button>
        </li>
      )}
    </ul>
  );
}
