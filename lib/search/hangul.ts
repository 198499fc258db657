// How Korean readers type, as pure rules: particles and endings after a noun, 초성 (initial consonants),
// Hangul typed with the keyboard left in English, and how far two words are apart in jamo. The Hangul
// arithmetic (syllables to jamo, 두벌식 keys to Hangul) is es-hangul's; what to do with it is here.
import { convertQwertyToHangul, disassemble, getChoseong } from "es-hangul";

/**
 * Particles (조사) and the endings a noun takes in running text (이다, 하는, 들 …), as readers type them
 * after the word they mean: 아카데미가, 사이언스파크에서는, 일본의. Compound ones are listed whole so one
 * cut finds the noun. Only ever cut from a query word that finds nothing as typed (lib/search/understand.ts),
 * so a word that merely ends like one (가나가와, 아시아, 보다폰) is searched whole.
 */
export const PARTICLES: readonly string[] = [
  // case and topic particles
  "이 가 은 는 을 를 의 에 로 으로 와 과 도 만 께 에서 에게 께서 한테 까지 부터 처럼 보다 마저 조차 이나 나 이랑 랑 하고",
  "에는 에도 에서는 에서도 에서의 에게는 에게도 으로는 로는 으로도 로도 으로의 로의 까지는 까지도 부터는 와는 과는 와의 과의",
  "이며 며 으로서 로서 으로써 로써 이라고 라고",
  // the copula and a noun's usual endings
  "이다 다 입니다 이었다 였다 이라는 라는 이란 란 인 이고 이자 하다 한다 하는 하고 하여 했다 한 해 된 되는 됐다 된다 시키는",
  // plural 들 with what follows it
  "들 들이 들은 들을 들의 들에게 들과 들도",
].flatMap((line) => line.split(" "));

/** Endings by length, shortest first: the longest noun that finds something is tried first. */
const BY_LENGTH = [...new Set(PARTICLES)].sort((a, b) => a.length - b.length || a.localeCompare(b, "ko"));

/**
 * The nouns `word` may be with a particle or ending cut off, longest first: 사이언스파크에서는 gives
 * 사이언스파크에서, 사이언스파크. What is left may end in any letter or digit (KAST는 → KAST).
 */
export function particleStems(word: string): string[] {
  const stems: string[] = [];
  for (const ending of BY_LENGTH) {
    if (word.length <= ending.length || !word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    if (/[\p{L}\p{N}]$/u.test(stem)) stems.push(stem);
  }
  return stems;
}

const CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
const JONGSEONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

/**
 * `text` with conjoining jamo (U+1100–U+11FF) as the compatibility jamo a keyboard types (ㄱ, ㅏ): search's
 * NFKC folding (lib/search-core/normalize.ts) turns a typed ㄱ into the conjoining one, which no syllable
 * arithmetic here expects.
 */
export function compatibilityJamo(text: string): string {
  return text.replace(/[\u1100-\u1112\u1161-\u1175\u11a8-\u11c2]/g, (char) => {
    const code = char.charCodeAt(0);
    if (code <= 0x1112) return CHOSEONG[code - 0x1100]!;
    if (code <= 0x1175) return JUNGSEONG[code - 0x1161]!;
    return JONGSEONG[code - 0x11a8]!;
  });
}

/** Compatibility consonants a 초성 query is made of (ㄱ … ㅎ, doubled ones included). */
const INITIALS = /^[\u3131-\u314e]+$/;

/** Whether `text` (compact) is a 초성 query: two or more initial consonants and nothing else. */
export function isInitialsQuery(text: string): boolean {
  return text.length >= 2 && INITIALS.test(text);
}

/** The 초성 of each Hangul syllable of `text`, other characters left out: 가나가와 사이언스 → ㄱㄴㄱㅇㅅㅇㅇㅅ. */
export function initialsOf(text: string): string {
  return getChoseong(text).replace(/[^\u3131-\u314e]/g, "");
}

/** `text` as jamo, complex vowels and finals split (와 → ㅇㅗㅏ): what typing distance is counted on. */
export function jamoOf(text: string): string {
  return disassemble(text);
}

/**
 * Levenshtein distance between two jamo strings, stopping early past `most` (returns most + 1): 가나가화
 * and 가나가와 are one jamo apart (ㅎ for ㅇ), 캐피털 and 캐피탈 one (ㅓ for ㅏ).
 */
export function editDistance(a: string, b: string, most = Infinity): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowBest = Math.min(rowBest, current[j]!);
    }
    if (rowBest > most) return most + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Hangul syllables or compatibility jamo: what a 두벌식 conversion may produce. */
const HANGUL_OR_JAMO = /[\uac00-\ud7a3\u3131-\u318e]/;

/**
 * The Hangul a query spells when typed with the keyboard in English (두벌식): rkskrkdhk → 가나가와. Only a
 * query of Latin letters (spaces and digits between) is converted, and only when every letter becomes
 * part of a whole syllable: ksp would be ㅏ네 and hello ㅗ디ㅣㅐ, which no reader meant. Otherwise undefined.
 */
export function fromEnglishLayout(query: string): string | undefined {
  const trimmed = query.trim();
  if (!/^[A-Za-z0-9 ]+$/.test(trimmed) || !/[A-Za-z]/.test(trimmed)) return undefined;
  const words = trimmed.split(/ +/).map((word) => (/[A-Za-z]/.test(word) ? convertQwertyToHangul(word) : word));
  for (const word of words) {
    for (const char of word) if (/[\u3131-\u318e]/.test(char) || /[A-Za-z]/.test(char)) return undefined;
    if (!HANGUL_OR_JAMO.test(word) && /[A-Za-z]/.test(word)) return undefined;
  }
  return words.join(" ");
}

/**
 * A word whose last syllable may still be composing, as the IME shows it: typing 가나가와, the ㅇ of 와
 * sits under 가 (가나강) until 와's vowel comes, or stands alone (가나가ㅇ); typing 닭기, 닭 is 달 with ㄱ
 * waiting. The certain part and the consonant the next syllable starts with; undefined for a word that
 * cannot be mid-syllable.
 */
export function composingParts(word: string): { prefix: string; next: string } | undefined {
  if (word.length < 2) return undefined;
  const last = word.at(-1)!;
  const code = last.charCodeAt(0);
  if (CHOSEONG.includes(last)) return { prefix: word.slice(0, -1), next: last };
  if (code < 0xac00 || code > 0xd7a3) return undefined;
  const final = (code - 0xac00) % 28;
  if (final === 0) return undefined;
  const open = code - final;
  const jong = JONGSEONG[final - 1]!;
  if (CHOSEONG.includes(jong)) return { prefix: word.slice(0, -1) + String.fromCharCode(open), next: jong };
  // A double final (ㄺ): its first consonant stays, its second starts the next syllable.
  const [stays, moves] = [...disassemble(jong)];
  return { prefix: word.slice(0, -1) + String.fromCharCode(open + JONGSEONG.indexOf(stays!) + 1), next: moves! };
}
