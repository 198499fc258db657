// Theme for the portal: newspaper palette (AA contrast on white), Korean system font stack, article type scale.
import type { Config } from "tailwindcss";
import { FONT_STACKS } from "./lib/fonts";

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
      fontFamily: FONT_STACKS,
      maxWidth: { site: "75rem" },
    },
  },
};

export default config;
