// The archive's read model (lib/archive/write.ts) written into a build's snapshot folder, which the build's
// workers and then the server open read-only. `npm run build` does this in scripts/prepare-build.ts.
import { readContent } from "@/lib/content";
import { contentDir } from "@/lib/site";
import { writeBuildReadModel } from "./lib/content-steps";

const folder = process.argv[2];
if (!folder) throw new Error("usage: tsx scripts/read-model.ts <snapshot folder>");
writeBuildReadModel(folder, readContent(contentDir()));
