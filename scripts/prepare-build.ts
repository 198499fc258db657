// npm run build runs this before `next build`, over one reading of content/: the editors' check (nothing
// is built on any problem), every photo's variants, then the archive's read model into the build's
// snapshot folder (scripts/lib/content-steps.ts).
import { contentDir } from "@/lib/site";
import { checkContent, makePhotoVariants, writeBuildReadModel } from "./lib/content-steps";

const folder = process.argv[2];
if (!folder) throw new Error("usage: tsx scripts/prepare-build.ts <snapshot folder>");
async function main(snapshot: string) {
  const content = checkContent(contentDir());
  await makePhotoVariants(content);
  writeBuildReadModel(snapshot, content);
}

void main(folder);
