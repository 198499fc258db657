// Parsing editors' dates (a missing offset means Korean time) and formatting them in Asia/Seoul.
import { site } from "@/lib/site";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** KST has had no daylight saving since 1988, so a fixed offset is exact for every date we publish. */
const KST_OFFSET = "+09:00";

export type ParsedDate = { ok: true; iso: string } | { ok: false; reason: "format" | "impossible" };

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]` or full ISO 8601 with an offset.
 * Without an offset the time is Asia/Seoul. Returns ISO 8601 with the offset kept as +09:00.
 */
export function parseEditorDate(input: string): ParsedDate {
  const match = DATE_PATTERN.exec(input.trim());
  if (!match) return { ok: false, reason: "format" };
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = match;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const realDay = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59) return { ok: false, reason: "impossible" };
  const offset = !zone ? KST_OFFSET : zone === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(instant.getTime())) return { ok: false, reason: "impossible" };
  return { ok: true, iso: toKstIso(instant) };
}

/** The instant as ISO 8601 in Korean time, e.g. 2008-11-09T19:59:40+09:00 (what feeds and JSON-LD want). */
export function toKstIso(instant: Date | string): string {
  const parts = kstParts(instant);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${KST_OFFSET}`;
}

/** The instant as an editor writes a date in Korean time, e.g. 2008-11-09 19:59:40 (what imports write). */
export function toKstEditorDate(instant: Date | string | number): string {
  const parts = kstParts(typeof instant === "number" ? new Date(instant) : instant);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const kstFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: site.timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

type KstParts = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;

function kstParts(instant: Date | string): KstParts {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const parts: Partial<KstParts> = {};
  for (const part of kstFormatter.formatToParts(date)) {
    if (part.type in { year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1 }) {
      parts[part.type as keyof KstParts] = part.value;
    }
  }
  return parts as KstParts;
}

/** `YYYY.MM.DD HH:mm:ss` in Asia/Seoul, as Korean news sites print 웹출고시간 and 최종수정. */
export function formatKstDateTime(instant: Date | string): string {
  const p = kstParts(instant);
  return `${p.year}.${p.month}.${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY.MM.DD` in Asia/Seoul, for lists. */
export function formatKstDate(instant: Date | string): string {
  const p = kstParts(instant);
  return `${p.year}.${p.month}.${p.day}`;
}

/** `YYYY년 M월` in Asia/Seoul, for dates the source only supports to the month. */
export function formatKstMonth(instant: Date | string): string {
  const p = kstParts(instant);
  return `${p.year}년 ${Number(p.month)}월`;
}

/** Today's date in Asia/Seoul as YYYY-MM-DD. */
export function kstToday(now: Date): string {
  const p = kstParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "방금", "3분 전", "2시간 전", "5일 전", then the date. */
export function timeAgo(then: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 60) return "방금";
  if (seconds < 3600) return `${Math.floor(seconds / 60)}분 전`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}시간 전`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)}일 전`;
  return new Date(then).toLocaleDateString("ko-KR", { timeZone: "Asia/Seoul" });
}
