// Where builds live: each `npm run build` is made in a staging folder, moved to a folder of its own, and
// published by switching one symlink, so a running server keeps its own build (and its own page cache)
// until it restarts, and no build's cache outlives it. Layout for the slot ".next" (NEXT_DIST_DIR):
//   .next-staging/          the build being made (a fixed name: Next records its dist folder in tsconfig.json)
//   .next-builds/<id>/      finished builds, each with portal-settings.json and content-snapshot/
//   .next -> .next-builds/<id>   the published one, resolved once when a server starts
import fs from "node:fs";
import path from "node:path";

/** Builds kept besides the published one, for servers not yet restarted and for rolling back. */
const KEEP_BUILDS = 3;

export const SETTINGS_FILE = "portal-settings.json";
export const SNAPSHOT_FOLDER = "content-snapshot";

export function slotName(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEXT_DIST_DIR || ".next";
}

export const stagingDir = (slot: string) => `${slot}-staging`;
const buildsDir = (slot: string) => `${slot}-builds`;

/** A fresh staging folder and the snapshot folder the build's workers share (kept with the build). */
export function prepareStaging(slot: string): { staging: string; snapshot: string } {
  const staging = stagingDir(slot);
  fs.rmSync(staging, { recursive: true, force: true });
  const snapshot = `${staging}.${SNAPSHOT_FOLDER}`;
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.mkdirSync(snapshot, { recursive: true });
  return { staging, snapshot };
}

/** Moves a finished staging build into its own folder and points the slot at it in one rename. */
export function publishBuild(slot: string, settings: Record<string, string>): string {
  const id = `${new Date().toISOString().replace(/[-:.TZ]/g, "")}-${process.pid}`;
  const target = path.join(buildsDir(slot), id);
  fs.mkdirSync(buildsDir(slot), { recursive: true });
  const { staging, snapshot } = { staging: stagingDir(slot), snapshot: `${stagingDir(slot)}.${SNAPSHOT_FOLDER}` };
  fs.renameSync(staging, target);
  relinkExternals(staging, target);
  fs.renameSync(snapshot, path.join(target, SNAPSHOT_FOLDER));
  fs.writeFileSync(path.join(target, SETTINGS_FILE), JSON.stringify(settings, null, 2));
  // A real folder in the slot is a build from before this layout: it is replaced once.
  if (fs.existsSync(slot) && !fs.lstatSync(slot).isSymbolicLink()) fs.rmSync(slot, { recursive: true, force: true });
  const link = `${slot}.${process.pid}.link`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(slot), target), link);
  fs.renameSync(link, slot);
  pruneBuilds(slot, target);
  return target;
}

/**
 * Next links the packages it leaves external into `<dist>/node_modules` with relative symlinks
 * (`../../node_modules/yaml`); one folder deeper they would point nowhere, so each is pointed anew.
 */
function relinkExternals(from: string, to: string): void {
  const dir = path.join(to, "node_modules");
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const link = path.join(dir, name);
    if (!fs.lstatSync(link).isSymbolicLink()) continue;
    const target = fs.readlinkSync(link);
    if (path.isAbsolute(target)) continue;
    const resolved = path.resolve(path.join(from, "node_modules"), target);
    fs.rmSync(link);
    fs.symlinkSync(path.relative(dir, resolved), link);
  }
}

function pruneBuilds(slot: string, published: string): void {
  const all = fs.readdirSync(buildsDir(slot)).sort();
  for (const old of all.slice(0, Math.max(0, all.length - KEEP_BUILDS))) {
    const dir = path.join(buildsDir(slot), old);
    if (path.resolve(dir) !== path.resolve(published)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type PublishedBuild = { dir: string; snapshot: string; settings: Record<string, string> };

/** The build the slot points at now, as a path relative to the working folder, or undefined if none. */
export function publishedBuild(slot: string): PublishedBuild | undefined {
  if (!fs.existsSync(path.join(slot, "BUILD_ID"))) return undefined;
  const dir = path.relative(process.cwd(), fs.realpathSync(slot)) || ".";
  const settingsFile = path.join(dir, SETTINGS_FILE);
  const settings = fs.existsSync(settingsFile)
    ? (JSON.parse(fs.readFileSync(settingsFile, "utf8")) as Record<string, string>)
    : {};
  return { dir, snapshot: path.join(dir, SNAPSHOT_FOLDER), settings };
}
