import { afterEach, describe, expect, it } from "vitest";
import { formatKstDate, formatKstDateTime, formatKstMonth, kstToday, parseEditorDate, toKstEditorDate } from "@/lib/dates";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe.each(["UTC", "America/New_York", "Asia/Seoul"])("with the server's TZ=%s", (tz) => {
  it("prints 웹출고시간 as YYYY.MM.DD HH:mm:ss in Korean time", () => {
    process.env.TZ = tz;
    expect(new Date(2008, 0, 1).getTimezoneOffset()).toBe(tz === "UTC" ? 0 : tz === "America/New_York" ? 300 : -540);
    expect(formatKstDateTime("2008-11-09T19:59:40+09:00")).toBe("2008.11.09 19:59:40");
    expect(formatKstDateTime("2013-08-03T15:44:01Z")).toBe("2013.08.04 00:44:01");
    expect(formatKstDate("2008-11-09T15:30:00Z")).toBe("2008.11.10");
    expect(formatKstMonth("2022-11-09T00:00:00+09:00")).toBe("2022년 11월");
  });

  it("reads a date without offset as Korean time", () => {
    process.env.TZ = tz;
    expect(parseEditorDate("2008-11-09 19:59:40")).toEqual({ ok: true, iso: "2008-11-09T19:59:40+09:00" });
    expect(parseEditorDate("2008-11-09")).toEqual({ ok: true, iso: "2008-11-09T00:00:00+09:00" });
  });

  it("gives today's Korean date even when it is still yesterday in UTC", () => {
    process.env.TZ = tz;
    expect(kstToday(new Date("2026-11-24T16:00:00Z"))).toBe("2026-11-25");
  });
});

describe("editor dates", () => {
  it.each([
    ["2008-11-09T19:59:40+09:00", "2008-11-09T19:59:40+09:00"],
    ["2008-11-09T10:59:40Z", "2008-11-09T19:59:40+09:00"],
    ["2008-11-09T10:59:40.250Z", "2008-11-09T19:59:40+09:00"],
    ["2008-11-09T05:59:40-0500", "2008-11-09T19:59:40+09:00"],
    ["2008-11-09 19:59", "2008-11-09T19:59:00+09:00"],
    ["2024-02-29", "2024-02-29T00:00:00+09:00"],
  ])("reads %s", (input, iso) => {
    expect(parseEditorDate(input)).toEqual({ ok: true, iso });
  });

  it.each(["2008-02-30", "2023-02-29", "2008-13-01", "2008-11-09 24:00", "2008-11-09 19:60"])(
    "rejects the impossible %s",
    (input) => {
      expect(parseEditorDate(input)).toEqual({ ok: false, reason: "impossible" });
    },
  );

  it.each(["어제", "09/11/2008", "2008.11.09", ""])("rejects the unreadable %j", (input) => {
    expect(parseEditorDate(input)).toEqual({ ok: false, reason: "format" });
  });
});

describe("toKstEditorDate", () => {
  it("writes an instant as an editor writes a date, in Korean time, and parses back to the same instant", () => {
    const instant = Date.UTC(2008, 10, 9, 10, 59, 40);
    expect(toKstEditorDate(instant)).toBe("2008-11-09 19:59:40");
    // Across midnight and a year's end in Seoul.
    expect(toKstEditorDate(Date.UTC(2025, 11, 31, 15, 0, 0))).toBe("2026-01-01 00:00:00");
    const parsed = parseEditorDate(toKstEditorDate(instant));
    expect(parsed.ok && Date.parse(parsed.iso)).toBe(instant);
  });
});
