// Theme for the portal: newspaper palette (AA contrast on white), Korean system font stack, article type scale.
import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#0b4f9c", dark: "#083b75", light: "#e8f0fa" },
        ink: { DEFAULT: "#1a1a1a", soft: "#4b5563", faint: "#6b7280" },
        rule: "#d1d5db",
        accent: "#b3261e",
      },
      fontFamily: {
        // Korean faces by their installed names, most common platform first (iOS/macOS, Windows, Android
        // and Linux). No system-ui: on Windows and Linux it picks a Latin face, and every Hangul run then goes
        // through font fallback, which measurably slows style and layout on a phone-class CPU.
        sans: ['"Apple SD Gothic Neo"', '"Malgun Gothic"', '"Noto Sans KR"', '"Noto Sans CJK KR"', "NanumGothic", "sans-serif"],
        serif: ["AppleMyungjo", "Batang", '"Noto Serif KR"', '"Noto Serif CJK KR"', "NanumMyeongjo", "serif"],
      },
      maxWidth: { site: "75rem" },
    },
  },
};

export default config;
