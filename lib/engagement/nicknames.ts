// Nicknames readers may not take: the newsroom's own (관리자, 편집국, the paper's name …), however they are
// disguised. Names are compared by a key that undoes the disguises seen: full-width and compatibility
// forms (NFKC), decomposed or compatibility jamo (composed again), letters of other scripts that look
// Latin, brackets, marks, spaces and symbols around or inside (a check mark, [관리자], 관 리 자).

/** Letters of Cyrillic, Greek and other scripts drawn like Latin ones, as the Latin letter they imitate. */
const CONFUSABLE: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  ɡ: "g",
  ı: "i",
  ɑ: "a",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
};

/**
 * The form a nickname is compared in: NFKC (full-width letters, compatibility jamo), lower case, Latin
 * look-alikes folded, then only letters left (digits, spaces, brackets, marks and symbols go).
 */
export function nicknameKey(name: string): string {
  const folded = [...name.normalize("NFKC").toLowerCase()].map((char) => CONFUSABLE[char] ?? char).join("");
  // NFD then NFC: accents come off Latin letters, and jamo typed apart compose into syllables.
  return folded
    .normalize("NFD")
    .replace(/[^\p{L}]+/gu, "")
    .normalize("NFC");
}

/**
 * Whether `nickname` is, or holds, one of `reserved` (the newsroom's names): a Korean name anywhere in it
 * (운영자입니다, [관리자]), a Latin one as the whole name (admin, Admin✓, аdmin with a Cyrillic а).
 */
export function isReservedNickname(nickname: string, reserved: readonly string[]): boolean {
  const key = nicknameKey(nickname);
  return reserved.some((name) => {
    const word = nicknameKey(name);
    if (!word) return false;
    return /[\p{Script=Hangul}\p{Script=Han}]/u.test(word) ? key.includes(word) : key === word;
  });
}

/** The message a reader sees when the nickname is the newsroom's. */
export const RESERVED_NICKNAME = "이 닉네임은 신문사가 쓰는 이름이어서 쓸 수 없습니다. 다른 닉네임을 입력해 주세요.";
