// What a comment may contain: the classes of text that deface pages or look like nothing are refused.
import { describe, expect, it, vi } from "vitest";
import { invalidationCoalescer } from "@/lib/engagement/coalesce";
import { COMMENT_LIMITS } from "@/lib/engagement/limits";
import { checkComment, checkIdempotencyKey, parseParentId, reporterNetwork, visitorNetwork } from "@/lib/engagement/rules";

const post = (extra: Record<string, unknown>) =>
  checkComment({ nickname: "독자", body: "본문", password: "pw1234", ...extra }, COMMENT_LIMITS);
const refused = (extra: Record<string, unknown>) => {
  const result = post(extra);
  return result.ok ? undefined : result.error;
};

describe("combining marks", () => {
  it("refuses a character carrying a pile of marks, in the nickname and in the body", () => {
    const zalgo = "Z" + "\u0301\u0302\u0303\u0304".repeat(100);
    expect(refused({ nickname: zalgo })).toMatch(/결합 부호/);
    expect(refused({ body: `좋은 기사 ${zalgo}` })).toMatch(/결합 부호/);
    // Every mark from the combining blocks, stacked on one base, is the same attack.
    for (const mark of ["\u0300", "\u0489", "\u1AB0", "\u1DC0", "\u20D0", "\uFE20", "\u0E49", "\u094D"])
      expect(refused({ nickname: `q${mark.repeat(COMMENT_LIMITS.marksPerCharacter + 1)}` })).toMatch(/결합 부호/);
  });

  it("keeps what real languages write: Korean in NFD, Vietnamese, Thai, Hindi", () => {
    expect(post({ nickname: "홍길동".normalize("NFD"), body: "Tiếng Việt ệ ở ữ, ภาษาไทย ที่นี่, हिन्दी" }).ok).toBe(true);
  });
});

describe("characters no line can wrap", () => {
  // One grapheme of any length: conjoining jamo (old Hangul leading consonants join without end), a chain
  // of emoji joined by ZWJ, regional indicators, and Hangul tone marks after a syllable.
  const joined = (size: number) =>
    [
      ["conjoining jamo", "\u1100".repeat(size)],
      ["leading, vowel and trailing jamo", "\u1100\u1161".repeat(1) + "\u11A8".repeat(size)],
      ["old Hangul in jamo", "\uA960".repeat(size) + "\u1175"],
      ["ZWJ emoji chain", Array.from({ length: size }, () => "\u{1F468}").join("\u200D")],
      ["emoji with skin tones and joiners", Array.from({ length: size }, () => "\u{1F469}\u{1F3FD}").join("\u200D")],
    ] as const;

  it.each(joined(2_000))("refuses a %s made into one character, in the nickname and in the body", (_name, text) => {
    expect(refused({ nickname: text })).toBeDefined();
    expect(refused({ body: `좋은 기사 ${text}` })).toBeDefined();
  });

  it.each(joined(12))("refuses even a short %s that is one character of more than the cap", (_name, text) => {
    expect(refused({ body: text })).toBeDefined();
  });

  it("keeps the longest real emoji and old Hangul syllables", () => {
    const couple = "\u{1F469}\u{1F3FD}\u200D\u2764\uFE0F\u200D\u{1F48B}\u200D\u{1F468}\u{1F3FF}";
    expect(post({ nickname: "독자", body: `${couple} 옛한글 \u1100\u1161\u11A8 ᄒᆞᆫ글` }).ok).toBe(true);
  });

  it("limits code points and bytes as well as characters", () => {
    // As many family emoji (seven code points, 25 bytes each) as the character limits allow.
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}";
    expect(refused({ body: family.repeat(COMMENT_LIMITS.bodyMax) })).toMatch(/너무 깁니다/);
    expect(refused({ nickname: family.repeat(COMMENT_LIMITS.nicknameMax) })).toMatch(/너무 깁니다/);
    expect(post({ body: "가".repeat(COMMENT_LIMITS.bodyMax) }).ok).toBe(true);
  });
});

describe("invisible and look-empty text", () => {
  const invisible = [
    ["Hangul filler", "\u3164"],
    ["halfwidth Hangul filler", "\uFFA0"],
    ["Hangul choseong filler", "\u115F"],
    ["Arabic letter mark", "\u061C"],
    ["word joiner", "\u2060"],
    ["Mongolian vowel separator", "\u180E"],
    ["tag character", "\u{E0041}"],
    ["cancel tag", "\u{E007F}"],
    ["line separator", "\u2028"],
    ["paragraph separator", "\u2029"],
    ["right-to-left override", "\u202E"],
    ["zero width space", "\u200B"],
    ["soft hyphen", "\u00AD"],
    ["byte order mark", "\uFEFF"],
    ["C1 control", "\u0085"],
    ["bell", "\u0007"],
  ];
  it.each(invisible)("refuses a %s inside a nickname and a body", (_name, char) => {
    expect(refused({ nickname: `독${char}자` })).toBeTruthy();
    expect(refused({ body: `본${char}문` })).toBeTruthy();
  });

  it.each([["\u3164"], ["\uFFA0"], ["\u2800"], ["\u2800\u3000\u2800"], ["\u115F\u1160"]])(
    "refuses a nickname that looks empty (%j) with a Korean message",
    (nickname) => {
      expect(refused({ nickname })).toMatch(/닉네임/);
    },
  );

  it("refuses lone surrogates instead of storing broken text", () => {
    expect(refused({ nickname: "a\uD800" })).toMatch(/깨진/);
    expect(refused({ body: "\uDC00본문" })).toMatch(/깨진/);
  });

  it("keeps emoji sequences that need the joiner and variation selectors, and newlines in the body", () => {
    expect(post({ nickname: "가족👨‍👩‍👧", body: "❤️ 좋아요\n\n둘째 문단 👍🏽" }).ok).toBe(true);
  });
});

describe("strict types", () => {
  it.each([[true], [[32]], ["0x1"], [" 1"], ["1e3"], [1.5], [0], [-3], ["01"], [{ id: 1 }], [Number.MAX_SAFE_INTEGER + 2]])(
    "refuses parentId %j",
    (parentId) => {
      expect(parseParentId(parentId).ok).toBe(false);
    },
  );
  it.each([
    [undefined, null],
    [null, null],
    ["", null],
    [7, 7],
    ["42", 42],
  ])("accepts parentId %j as %j", (raw, value) => {
    expect(parseParentId(raw)).toEqual({ ok: true, value });
  });
  it("refuses non-text fields and odd idempotency keys", () => {
    expect(refused({ nickname: ["독자"] })).toBeTruthy();
    expect(refused({ password: 1234 })).toBeTruthy();
    for (const key of ["a\u0000b", "키", "x".repeat(101), 5]) expect(checkIdempotencyKey(key).ok).toBe(false);
    expect(checkIdempotencyKey("0b6e1c3e-8d0f-4c1a-9b7e-2f0c1d2e3f40")).toEqual({
      ok: true,
      value: "0b6e1c3e-8d0f-4c1a-9b7e-2f0c1d2e3f40",
    });
  });
});

describe("who a visitor is", () => {
  it("counts an IPv4 address as itself and every address of one IPv6 /64 as one visitor", () => {
    expect(visitorNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(visitorNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    const a = visitorNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    expect(visitorNetwork("2001:0db8:0001:0002::1")).toBe(a);
    expect(visitorNetwork("2001:db8:1:2::")).toBe(a);
    expect(visitorNetwork("2001:db8:1:3::1")).not.toBe(a);
    expect(visitorNetwork("::1")).toBe("0:0:0:0::/64");
  });

  it("counts reporters by a wider network: every /64 of one IPv6 /48 and every address of one IPv4 /24 is one", () => {
    const host = reporterNetwork("2001:db8:aa:1::1");
    for (const address of ["2001:db8:aa:2::1", "2001:db8:aa:ff:1:2:3:4", "2001:0db8:00aa::9"])
      expect(reporterNetwork(address)).toBe(host);
    expect(reporterNetwork("2001:db8:ab:1::1")).not.toBe(host);
    expect(reporterNetwork("198.51.100.7")).toBe(reporterNetwork("198.51.100.200"));
    expect(reporterNetwork("::ffff:198.51.100.7")).toBe(reporterNetwork("198.51.100.1"));
    expect(reporterNetwork("198.51.101.7")).not.toBe(reporterNetwork("198.51.100.7"));
  });
});

describe("coalesced invalidation", () => {
  it("fires a tag at most once a second under any write rate, and always after the last write", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const fired: number[] = [];
      const invalidate = invalidationCoalescer(1000, () => fired.push(Date.now()));
      const writes: Promise<void>[] = [];
      // 400 writes in 2 seconds, 5 ms apart.
      for (let i = 0; i < 400; i++) {
        writes.push(invalidate("engagement:a"));
        await vi.advanceTimersByTimeAsync(5);
      }
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all(writes);
      for (let i = 1; i < fired.length; i++) expect(fired[i]! - fired[i - 1]!).toBeGreaterThanOrEqual(1000);
      expect(fired.length).toBe(3);
      expect(fired.at(-1)).toBeGreaterThanOrEqual(399 * 5);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fires another tag independently", async () => {
    const fired: string[] = [];
    const invalidate = invalidationCoalescer(
      1000,
      (tag) => fired.push(tag),
      () => 0,
      async () => undefined,
    );
    await invalidate("a");
    await invalidate("b");
    expect(fired).toEqual(["a", "b"]);
  });
});
