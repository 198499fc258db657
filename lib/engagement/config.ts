// Limits and switches for reader engagement, read from the environment once, when the server starts.
import { COMMENT_LIMITS } from "@/lib/engagement/limits";

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return value;
}

/** The fewest characters an admin token may have: a shorter one could be guessed within the try limit's years. */
export const ADMIN_TOKEN_MIN_LENGTH = 24;

/** ADMIN_TOKEN, refused at start when it is too short to be a secret. */
function adminToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < ADMIN_TOKEN_MIN_LENGTH)
    throw new Error(
      `ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (make one with: openssl rand -base64 32), got ${raw.length}`,
    );
  return raw;
}

export const engagementConfig = {
  ...COMMENT_LIMITS,
  /** Seconds one client must wait between two comments (0 turns the wait off). */
  minIntervalSeconds: positiveInt("COMMENT_MIN_INTERVAL_SECONDS", 60),
  /** Comments one client may post in 24 hours. */
  dailyLimit: positiveInt("COMMENT_DAILY_LIMIT", 20),
  /** Reports by different readers that hide a comment until a moderator reviews it. */
  reportThreshold: positiveInt("COMMENT_REPORT_THRESHOLD", 3),
  /** Wrong delete passwords one comment takes per hour before further tries are refused. */
  passwordFailuresPerComment: positiveInt("COMMENT_PASSWORD_FAILURES_PER_COMMENT", 5),
  /** Wrong delete passwords one client may send per hour, over all comments. */
  passwordFailuresPerClient: positiveInt("COMMENT_PASSWORD_FAILURES_PER_CLIENT", 20),
  /**
   * How many proxies in front of us append to X-Forwarded-For. 0: the app is reached directly and the
   * socket address is the client (the server overwrites the header); 1: one nginx, and so on.
   */
  trustedProxyHops: positiveInt("TRUSTED_PROXY_HOPS", 0),
  /** Token for /admin; unset disables moderation pages. */
  adminToken: adminToken(process.env.ADMIN_TOKEN),
  /** Hours a moderator's login lasts. */
  adminSessionHours: positiveInt("ADMIN_SESSION_HOURS", 12),
  commentsPerPage: 20,
};

export type EngagementConfig = typeof engagementConfig;
