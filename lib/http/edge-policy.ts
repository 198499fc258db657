// The edge's policy, declared once: which paths are pages, which methods each kind of path takes, and how
// long each kind may be cached, by nginx (deploy/nginx.conf.template) and by the portal server's microcache
// (lib/http/page-microcache.ts). The server's front door (lib/http/front-door.ts), its microcache, the
// routing check (lib/http/page-routing.ts) and the template follow it; tests/unit/edge-policy.test.ts
// renders the template and checks each rule against it, so the two cannot drift.

/**
 * How long an answer may be kept at the edge:
 * - `year`: its name fixes its bytes (build assets, photo variants by content hash): nginx keeps it a year;
 * - `app`: for as long as the app's own Cache-Control says (search-as-you-type's minute);
 * - `second`: a page, kept to the end of the second it was fetched in (X-Accel-Expires, microcacheExpiry);
 * - `never`: writes, live reads and moderation always reach the app.
 */
export type EdgeCaching = "year" | "app" | "second" | "never";

export type EdgeRule = {
  /** What the paths are. */
  kind: "build asset" | "other Next path" | "photo variant" | "search API" | "API" | "moderation" | "public file" | "page";
  /** The paths it covers (the first rule matching a path decides). */
  paths: RegExp;
  /** The nginx location serving them. */
  location: string;
  /** Methods the paths take (HEAD with GET, as nginx's limit_except has it); anything else is refused with 405. */
  methods: readonly string[];
  /** How long nginx keeps an answer. */
  nginx: EdgeCaching;
  /** Whether the portal server's own microcache keeps an answer (to the end of the second). */
  microcached: boolean;
  /** Whether the path may be an article, a listing or an old address, which routing looks up. */
  page: boolean;
  /** A path of the kind, for tests. */
  example: string;
};

export const EDGE_RULES: readonly EdgeRule[] = [
  {
    kind: "build asset",
    paths: /^\/_next\/static\//,
    location: "/_next/static/",
    methods: ["GET"],
    nginx: "year",
    microcached: false,
    page: false,
    example: "/_next/static/chunks/main.js",
  },
  {
    // Next's image optimizer and anything else under /_next/: the site's photos are /img/, so none is a page.
    kind: "other Next path",
    paths: /^\/_next\//,
    location: "/",
    methods: ["GET"],
    nginx: "second",
    microcached: false,
    page: false,
    example: "/_next/image?url=%2Flogo.png&w=64&q=75",
  },
  {
    kind: "photo variant",
    paths: /^\/img\//,
    location: "/img/",
    methods: ["GET"],
    nginx: "year",
    microcached: false,
    page: false,
    example: "/img/0123456789abcdef-640.webp",
  },
  {
    kind: "search API",
    paths: /^\/api\/search$/,
    location: "= /api/search",
    methods: ["GET"],
    nginx: "app",
    microcached: false,
    page: false,
    example: "/api/search",
  },
  {
    kind: "API",
    paths: /^\/api\//,
    location: "/api/",
    methods: ["GET", "POST", "DELETE"],
    nginx: "never",
    microcached: false,
    page: false,
    example: "/api/articles/a/comments",
  },
  {
    kind: "moderation",
    paths: /^\/admin(?:\/|$)/,
    location: "~ ^/admin(?:/|$)",
    methods: ["GET"],
    nginx: "never",
    microcached: false,
    page: false,
    example: "/admin/comments",
  },
  {
    // Files from public/ (Next serves them): cached as pages are, never looked up as one.
    kind: "public file",
    paths: /^\/(?:images\/|banners\/|icon|logo|og-default|robots\.txt)/,
    location: "/",
    methods: ["GET"],
    nginx: "second",
    microcached: true,
    page: false,
    example: "/logo.svg",
  },
  {
    kind: "page",
    paths: /^\//,
    location: "/",
    methods: ["GET"],
    nginx: "second",
    microcached: true,
    page: true,
    example: "/articles/kanagawa-science-park",
  },
];

/** The rule deciding `pathname` (the path alone, no query). */
export function edgeRule(pathname: string): EdgeRule {
  return EDGE_RULES.find((rule) => rule.paths.test(pathname)) ?? EDGE_RULES[EDGE_RULES.length - 1]!;
}

/** Each rule's methods with HEAD beside GET, worked out once: the front door asks on every request. */
const ALLOWED_METHODS = new Map<EdgeRule, readonly string[]>(
  EDGE_RULES.map((rule) => [rule, rule.methods.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]))]),
);

/** Methods `pathname` takes, HEAD with GET: what the front door and nginx's limit_except allow. */
export function allowedMethods(pathname: string): readonly string[] {
  return ALLOWED_METHODS.get(edgeRule(pathname))!;
}
