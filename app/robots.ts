import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

// Only Disallow lines: everything else is allowed by default, so first-match parsers (Python's
// urllib.robotparser and others) and longest-match ones (Google's) read the same rules. An `Allow: /`
// first let first-match parsers into /admin and /api/. Naver's Yeti and Daum's Daumoa are named because
// each crawler follows only the group that names it, when one does.
const PRIVATE = ["/admin", "/api/"];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      { userAgent: "*", disallow: PRIVATE },
      { userAgent: ["Yeti", "Daumoa"], disallow: PRIVATE },
    ],
    sitemap: [absoluteUrl("/sitemap.xml"), absoluteUrl("/news-sitemap.xml")],
  };
}
