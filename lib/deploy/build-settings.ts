// Settings a build bakes into its prerendered pages, recorded beside the build so `npm start` can refuse to
// serve it under different ones (build once, configure at start: only these cannot change at start).
import { siteUrlFromEnv } from "@/lib/site";

/** Environment variables whose value is part of the built HTML, normalised as the site reads them. */
export function bakedSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return {
    SITE_URL: siteUrlFromEnv(env.SITE_URL),
    NAVER_SITE_VERIFICATION: env.NAVER_SITE_VERIFICATION?.trim() ?? "",
    GOOGLE_SITE_VERIFICATION: env.GOOGLE_SITE_VERIFICATION?.trim() ?? "",
  };
}

/** One sentence per variable whose value at start differs from the build's, naming it and the fix. */
export function settingMismatches(built: Record<string, string>, now: Record<string, string>): string[] {
  return Object.entries(built)
    .filter(([name, value]) => now[name] !== value)
    .map(
      ([name, value]) =>
        `${name} is "${now[name]}" now but the build was made with "${value}": its pages carry the build's value. ` +
        `Start with ${name}=${value}, or run \`npm run build\` with the new value first.`,
    );
}
