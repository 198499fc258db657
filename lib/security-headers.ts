// HTTP security headers for every response. Imported by next.config.ts, so relative imports only.

/**
 * Content-Security-Policy for prerendered pages. Next inlines its RSC payload as <script> elements whose
 * text differs per page and per regeneration, so neither a static hash list nor a per-request nonce (which
 * would make every page dynamic) fits static pages; scripts are therefore limited to our own origin plus
 * inline ones. Everything else is locked down: no plugins, no foreign scripts, styles, images, frames,
 * form targets or connections, no <base> hijack, and the site cannot be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join("; ");

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  // Browsers ignore it over plain HTTP (local runs); behind HTTPS it pins the site to HTTPS for two years.
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
