// No reader can pass for the newsroom: its names are refused however they are disguised.
import { describe, expect, it } from "vitest";
import { COMMENT_LIMITS } from "@/lib/engagement/limits";
import { isReservedNickname, nicknameKey } from "@/lib/engagement/nicknames";
import { checkComment } from "@/lib/engagement/rules";
import { publisherSchema } from "@/lib/content/schema";

const RESERVED = [
  "충북일보",
  ...publisherSchema.parse({
    title: "충북일보",
    registrationNumber: "충북 아00000",
    registrationDate: "2000-01-01",
    publisher: "김발행",
    editor: "이편집",
    address: "청주시",
    phone: "043-000-0000",
    firstPublished: "2000-01-01",
    youthProtectionOfficer: { name: "박책임", contact: "043-000-0000" },
  }).reservedNicknames,
];

/** Every disguise seen for a name: spacing, brackets, full width, jamo apart, look-alike letters, marks. */
function disguises(name: string): string[] {
  const fullWidth = [...name].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
  const cyrillic = name.replace(/a/g, "а").replace(/o/g, "о").replace(/e/g, "е").replace(/c/g, "с").replace(/p/g, "р");
  return [
    name,
    name.toUpperCase(),
    ` ${name} `,
    [...name].join(" "),
    `[${name}]`,
    `［${name}］`,
    `${name}✓`,
    `✔️${name}`,
    `${name}입니다`,
    `진짜${name}`,
    `${name}123`,
    fullWidth,
    name.normalize("NFD"),
    cyrillic,
    `${name}\u0301`,
    `(${name})`,
    `『${name}』`,
  ];
}

describe("reserved nicknames", () => {
  it.each(RESERVED)("refuses %s in every disguise", (name) => {
    const korean = /[가-힣]/.test(name);
    for (const nickname of disguises(name)) {
      // A Latin name is refused as the whole nickname; a Korean one anywhere in it.
      const whole = !/입니다|진짜/.test(nickname);
      if (!korean && !whole) continue;
      expect({ nickname, reserved: isReservedNickname(nickname, RESERVED) }).toEqual({ nickname, reserved: true });
      const result = checkComment({ nickname, body: "본문", password: "pw1234" }, COMMENT_LIMITS, RESERVED);
      expect(result.ok, nickname).toBe(false);
    }
  });

  it("refuses a name whose syllables are typed as separate jamo, which compose into it", () => {
    expect(nicknameKey("관리\u110C\u1161")).toBe("관리자");
    expect(isReservedNickname("\u1100\u116A\u11AB\u1105\u1175\u110C\u1161", RESERVED)).toBe(true);
  });

  it("keeps ordinary readers' names, including ones that merely contain a Latin name", () => {
    for (const nickname of [
      "독자",
      "청주시민",
      "badminton",
      "staffordshire",
      "충북사랑",
      "관심있는독자",
      "admiral",
      "김기자지망생",
    ])
      expect({ nickname, reserved: isReservedNickname(nickname, RESERVED) }).toEqual({ nickname, reserved: false });
  });
});
