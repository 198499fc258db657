// Limits and switches for reader engagement, read from the environment once.

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return value;
}

export const engagementConfig = {
  /** Seconds one client must wait between two comments (0 turns the wait off). */
  minIntervalSeconds: positiveInt("COMMENT_MIN_INTERVAL_SECONDS", 60),
  /** Comments one client may post in 24 hours. */
  dailyLimit: positiveInt("COMMENT_DAILY_LIMIT", 20),
  /** Reports by different readers that hide a comment until a moderator reviews it. */
  reportThreshold: positiveInt("COMMENT_REPORT_THRESHOLD", 3),
  /** How many proxies in front of us append to X-Forwarded-For (0: use the socket address, trust no header). */
  trustedProxyHops: positiveInt("TRUSTED_PROXY_HOPS", 0),
  /** Token for /admin; unset disables moderation pages. */
  adminToken: process.env.ADMIN_TOKEN || undefined,
  commentsPerPage: 20,
  nicknameMax: 20,
  bodyMax: 1000,
  passwordMin: 4,
  passwordMax: 64,
};
