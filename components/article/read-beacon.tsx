"use client";
// Counts this reading (once per visitor a day, decided by the server) after the page has loaded.
import { useEffect } from "react";

export function ReadBeacon({ slug }: { slug: string }) {
  useEffect(() => {
    const url = `/api/articles/${slug}/reads`;
    if (!navigator.sendBeacon?.(url)) void fetch(url, { method: "POST", keepalive: true }).catch(() => undefined);
  }, [slug]);
  return null;
}
