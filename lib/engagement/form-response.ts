// Answers for the comment form when it is submitted without JavaScript: back to the article, or a plain error page.
import { paths } from "@/lib/urls";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 303 back to the article, at the new comment. */
export function backToArticle(slug: string, anchor: string): Response {
  return new Response(null, { status: 303, headers: { Location: `${paths.article(slug)}#${anchor}` } });
}

/** A small Korean page with the error and a way back; the reader's text is kept by the browser's Back. */
export function formErrorPage(status: number, message: string, slug: string): Response {
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>댓글을 올리지 못했습니다</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6"><h1 style="font-size:1.25rem">댓글을 올리지 못했습니다</h1><p>${escapeHtml(message)}</p><p>브라우저의 뒤로 가기를 누르면 쓴 내용이 그대로 남아 있습니다. <a href="${escapeHtml(paths.article(slug))}#comments">기사로 돌아가기</a></p></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
