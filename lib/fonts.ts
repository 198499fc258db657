// The site's font stacks, shared by the Tailwind theme and the inline head style of the root layout.

/**
 * Korean faces by their installed names, most common platform first (iOS/macOS, Windows, Android and Linux).
 * No system-ui: on Windows and Linux it picks a Latin face, and every Hangul run then goes through
 * per-glyph fallback, which measurably slows style and layout on a phone-class CPU.
 */
export const FONT_STACKS = {
  sans: ['"Apple SD Gothic Neo"', '"Malgun Gothic"', '"Noto Sans KR"', '"Noto Sans CJK KR"', "NanumGothic", "sans-serif"],
  serif: ["AppleMyungjo", "Batang", '"Noto Serif KR"', '"Noto Serif CJK KR"', "NanumMyeongjo", "serif"],
};
