import type { Metadata } from "next";

export const metadata: Metadata = { title: "페이지를 찾을 수 없습니다", robots: { index: false } };

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl py-16 text-center focus:outline-none">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 font-serif text-2xl font-bold">페이지를 찾을 수 없습니다</h1>
      <p className="mt-3 text-ink-soft">주소가 바뀌었거나 삭제된 기사일 수 있습니다. 주소를 다시 확인해 주세요.</p>
      <p className="mt-6">
        <a href="/" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          첫 화면으로 가기
        </a>
      </p>
    </main>
  );
}
