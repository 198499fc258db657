// npm run screenshots:compare -- BEFORE AFTER — compares two folders of `npm run screenshots` pictures pixel by
// pixel and prints each picture that differs (size or pixels). Exit status 1 when any does, so a change meant to
// leave the pages as readers see them can be checked in one command.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

async function pixels(file: string) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function main() {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) throw new Error("usage: npm run screenshots:compare -- BEFORE_DIR AFTER_DIR");
  const names = fs.readdirSync(before).filter((name) => name.endsWith(".png"));
  let differing = 0;
  for (const name of names) {
    const afterFile = path.join(after, name);
    if (!fs.existsSync(afterFile)) {
      console.log(`missing   ${name}`);
      differing += 1;
      continue;
    }
    const a = await pixels(path.join(before, name));
    const b = await pixels(afterFile);
    if (a.width !== b.width || a.height !== b.height) {
      console.log(`size      ${name}: ${a.width}×${a.height} → ${b.width}×${b.height}`);
      differing += 1;
      continue;
    }
    let changed = 0;
    let firstRow = -1;
    for (let i = 0; i < a.data.length; i += 4) {
      if (a.data.readUInt32LE(i) !== b.data.readUInt32LE(i)) {
        changed += 1;
        if (firstRow < 0) firstRow = Math.floor(i / 4 / a.width);
      }
    }
    if (changed > 0) {
      console.log(`pixels    ${name}: ${changed} differ, the first at row ${firstRow}`);
      differing += 1;
    } else console.log(`same      ${name}`);
  }
  console.log(`\n${names.length - differing} of ${names.length} pictures the same`);
  if (differing > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
