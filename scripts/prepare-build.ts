// npm run build runs this before `next build`, over one reading of content/: the editors' check (nothing
// is built on any problem), every photo's variants, then the archive's read model into the build's
// snapshot folder (scripts/lib/content-steps.ts).
import path from "node:path";
import { copyPreviousReadModel, READ_MODEL_FILE } from "@/lib/archive";
import { contentDir } from "@/lib/site";
import { slotName, SNAPSHOT_FOLDER } from "./lib/builds";
import { checkContent, makePhotoVariants, writeBuildReadModel } from "./lib/content-steps";

const folder = process.argv[2];
if (!folder) throw new Error("usage: tsx scripts/prepare-build.ts <snapshot folder>");
async function main(snapshot: string) {
  // The published build's read model, updated rather than written anew (scripts/lib/builds.ts layout),
  // copied while the check reads content/.
  const previous = path.join(slotName(), SNAPSHOT_FOLDER, READ_MODEL_FILE);
  const copying = copyPreviousReadModel(path.join(snapshot, READ_MODEL_FILE), previous);
  const content = checkContent(contentDir());
  await makePhotoVariants(content);
  writeBuildReadModel(snapshot, content, previous, await copying);
}

void main(folder);
