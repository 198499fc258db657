// What engagement allows: pure decisions (input, limits, dedup, moderation) with Korean messages for readers.
import type { CommentLimits } from "@/lib/engagement/limits";
import { isReservedNickname, RESERVED_NICKNAME } from "@/lib/engagement/nicknames";

export type CommentInput = { nickname: string; body: string; password: string; parentId: number | null };
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
/** A refusal: HTTP status and the reader's message; null when allowed. */
export type Refusal = { status: number; message: string } | null;

const graphemes = new Intl.Segmenter("ko", { granularity: "grapheme" });

/** Length as a reader counts it: user-perceived characters, not UTF-16 units. */
export function visibleLength(text: string): number {
  return [...graphemes.segment(text)].length;
}

// Controls, format characters (direction marks, invisible operators, tag characters), line and paragraph
// separators and every code point Unicode says to draw as nothing (U+3164 and U+FFA0 fillers included).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
// Inside an emoji the joiner and variation selectors are what make 👨‍👩‍👧 and ❤️; nowhere else.
const EMOJI_JOINERS = /[\u200D\uFE0E\uFE0F]/gu;
const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// Characters that occupy space but show nothing: a nickname made only of these looks empty.
const BLANK_LOOKING = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const COMBINING_MARK = /\p{M}/gu;

type TextProblem = "invisible" | "marks" | "joined" | "blank" | "malformed";

/** The first reason `text` cannot be shown as typed, if any; `allowNewlines` for comment bodies. */
export function textProblem(
  text: string,
  { marksPerCharacter, codePointsPerCharacter }: Pick<CommentLimits, "marksPerCharacter" | "codePointsPerCharacter">,
  allowNewlines: boolean,
): TextProblem | undefined {
  if (!text.isWellFormed()) return "malformed";
  for (const { segment } of graphemes.segment(text)) {
    if ((segment.match(COMBINING_MARK)?.length ?? 0) > marksPerCharacter) return "marks";
    if (codePoints(segment) > codePointsPerCharacter) return "joined";
    if (allowNewlines && segment === "\n") continue;
    const visible = EXTENDED_PICTOGRAPHIC.test(segment) ? segment.replace(EMOJI_JOINERS, "") : segment;
    if (INVISIBLE.test(visible)) return "invisible";
  }
  if (!text.replace(BLANK_LOOKING, "")) return "blank";
  return undefined;
}

/** Code points of `text` (a UTF-16 length counts an emoji twice). */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Whether `text` fits in `maxCodePoints` code points and `maxBytes` bytes of UTF-8. */
function fits(text: string, maxCodePoints: number, maxBytes: number): boolean {
  return text.length <= maxBytes && codePoints(text) <= maxCodePoints && Buffer.byteLength(text, "utf8") <= maxBytes;
}

const TEXT_MESSAGES: Record<"nickname" | "body", Record<TextProblem, string>> = {
  nickname: {
    malformed: "닉네임에 깨진 문자가 들어 있습니다.",
    marks: "닉네임에 결합 부호가 너무 많이 겹쳐 있습니다.",
    joined: "닉네임에 너무 많은 문자가 한 글자로 이어져 있습니다.",
    invisible: "닉네임에 보이지 않는 문자나 제어 문자는 쓸 수 없습니다.",
    blank: "닉네임이 비어 보입니다. 보이는 글자로 입력해 주세요.",
  },
  body: {
    malformed: "댓글에 깨진 문자가 들어 있습니다.",
    marks: "댓글에 결합 부호가 너무 많이 겹친 글자가 있습니다.",
    joined: "댓글에 너무 많은 문자가 한 글자로 이어진 부분이 있습니다.",
    invisible: "댓글에 보이지 않는 문자나 제어 문자는 쓸 수 없습니다.",
    blank: "댓글 내용을 입력해 주세요.",
  },
};

/** A reply target from JSON (a positive whole number) or a form (its decimal digits); nothing else. */
export function parseParentId(raw: unknown): Checked<number | null> {
  if (raw === undefined || raw === null || raw === "") return { ok: true, value: null };
  if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 1) return { ok: true, value: raw };
  if (typeof raw === "string" && /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)))
    return { ok: true, value: Number(raw) };
  return { ok: false, error: "답글을 달 댓글을 찾을 수 없습니다." };
}

/**
 * Validates and normalises (NFC, trimmed, CRLF to LF) a posted comment; `reserved`: nicknames that are
 * the newsroom's (lib/engagement/nicknames.ts).
 */
export function checkComment(
  raw: Record<string, unknown>,
  limits: CommentLimits,
  reserved: readonly string[] = [],
): Checked<CommentInput> {
  const { nickname: rawNickname, body: rawBody, password } = raw;
  if (typeof rawNickname !== "string" || typeof rawBody !== "string" || typeof password !== "string")
    return { ok: false, error: "닉네임, 비밀번호, 댓글 내용을 모두 입력해 주세요." };
  if (!rawNickname.isWellFormed()) return { ok: false, error: TEXT_MESSAGES.nickname.malformed };
  if (!rawBody.isWellFormed()) return { ok: false, error: TEXT_MESSAGES.body.malformed };
  const nickname = rawNickname.normalize("NFC").trim();
  const body = rawBody.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  if (!nickname) return { ok: false, error: "닉네임을 입력해 주세요." };
  if (visibleLength(nickname) > limits.nicknameMax)
    return { ok: false, error: `닉네임은 ${limits.nicknameMax}자까지 쓸 수 있습니다.` };
  const nicknameProblem = textProblem(nickname, limits, false);
  if (nicknameProblem) return { ok: false, error: TEXT_MESSAGES.nickname[nicknameProblem] };
  if (!fits(nickname, limits.nicknameMaxCodePoints, limits.nicknameMaxBytes))
    return { ok: false, error: "닉네임이 너무 깁니다. 이모지나 특수 문자를 줄여 주세요." };
  if (isReservedNickname(nickname, reserved)) return { ok: false, error: RESERVED_NICKNAME };
  if (!body) return { ok: false, error: "댓글 내용을 입력해 주세요." };
  if (visibleLength(body) > limits.bodyMax) return { ok: false, error: `댓글은 ${limits.bodyMax}자까지 쓸 수 있습니다.` };
  const bodyProblem = textProblem(body.replace(/\t/g, " "), limits, true);
  if (bodyProblem) return { ok: false, error: TEXT_MESSAGES.body[bodyProblem] };
  if (!fits(body, limits.bodyMaxCodePoints, limits.bodyMaxBytes))
    return { ok: false, error: "댓글이 너무 깁니다. 이모지나 특수 문자를 줄여 주세요." };
  if (password.length < limits.passwordMin || password.length > limits.passwordMax || !password.isWellFormed())
    return { ok: false, error: `비밀번호는 ${limits.passwordMin}~${limits.passwordMax}자로 입력해 주세요.` };
  const parent = parseParentId(raw.parentId);
  if (!parent.ok) return parent;
  return { ok: true, value: { nickname, body, password, parentId: parent.value } };
}

/** An idempotency key as sent: printable ASCII, at most 100 characters (a UUID is 36). */
export function checkIdempotencyKey(raw: unknown): Checked<string | undefined> {
  if (raw === undefined || raw === null || raw === "") return { ok: true, value: undefined };
  if (typeof raw === "string" && /^[\x21-\x7E]{1,100}$/.test(raw)) return { ok: true, value: raw };
  return { ok: false, error: "요청 형식이 올바르지 않습니다." };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Whether a client who wrote `count` comments in the last day, the newest at `last`, may write at `at`. */
export function commentAdmission(
  recent: { count: number; last: number | null },
  at: number,
  limits: { minIntervalSeconds: number; dailyLimit: number },
): Refusal {
  const interval = limits.minIntervalSeconds * 1000;
  if (recent.last !== null && at - recent.last < interval) {
    const wait = Math.ceil((interval - (at - recent.last)) / 1000);
    return {
      status: 429,
      message: `댓글은 ${limits.minIntervalSeconds}초에 한 번 쓸 수 있습니다. ${wait}초 뒤에 다시 시도해 주세요.`,
    };
  }
  if (recent.count >= limits.dailyLimit)
    return { status: 429, message: `하루에 쓸 수 있는 댓글 ${limits.dailyLimit}개를 모두 썼습니다.` };
  return null;
}

/** Replies go one level deep, to a visible comment of the same article. */
export function replyRefusal(
  parent: { articleSlug: string; parentId: number | null; status: string } | undefined,
  slug: string,
): Refusal {
  if (!parent || parent.articleSlug !== slug || parent.status !== "visible")
    return { status: 400, message: "답글을 달 댓글을 찾을 수 없습니다." };
  if (parent.parentId !== null) return { status: 400, message: "답글에는 다시 답글을 달 수 없습니다." };
  return null;
}

/** A comment is hidden for review when it is visible and its reports reach the threshold. */
export function reachesReportThreshold(status: string, reportCount: number, threshold: number): boolean {
  return status === "visible" && reportCount >= threshold;
}

/** Whether another delete password may be tried, given the wrong ones of the last hour. */
export function passwordAttemptRefusal(
  failures: { forComment: number; forClient: number },
  limits: { passwordFailuresPerComment: number; passwordFailuresPerClient: number },
): Refusal {
  if (failures.forComment >= limits.passwordFailuresPerComment || failures.forClient >= limits.passwordFailuresPerClient)
    return { status: 429, message: "비밀번호를 여러 번 틀렸습니다. 한 시간 뒤에 다시 시도해 주세요." };
  return null;
}

/**
 * The network a visitor is counted by: an IPv4 address, or the /64 of an IPv6 one (one household or phone
 * gets a whole /64, so counting single IPv6 addresses would let one client count as millions).
 */
export function visitorNetwork(address: string): string {
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address.replace(/^::ffff:/i, "");
}

/**
 * The network a reporter is counted by, wider than a visitor's: a report hides a comment for everyone, and
 * a VPS or a home line often holds a /56 or a /48 (three /64s of one host hid any comment). An IPv4
 * address's /24, an IPv6 address's /48.
 */
export function reporterNetwork(address: string): string {
  const groups = ipv6Groups(address);
  if (groups) return `${groups.slice(0, 3).join(":")}::/48`;
  const ipv4 = address.replace(/^::ffff:/i, "");
  return /^\d+\.\d+\.\d+\.\d+$/.test(ipv4) ? `${ipv4.split(".").slice(0, 3).join(".")}.0/24` : ipv4;
}

/** The eight groups of an IPv6 address, written without leading zeros; undefined for IPv4 (mapped too). */
function ipv6Groups(address: string): string[] | undefined {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!plain.includes(":")) return undefined;
  const [head = "", tail = ""] = plain.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const full = plain.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return full.map((part) => part.replace(/^0+(?=.)/, ""));
}
