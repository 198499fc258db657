// Every photo's variants (lib/images/slots.ts) made ahead into IMAGE_CACHE_DIR, once per content hash, so a
// rebuild encodes only new or changed photos. `npm run build` does this in scripts/prepare-build.ts.
import { readContent } from "@/lib/content";
import { contentDir } from "@/lib/site";
import { makePhotoVariants } from "./lib/content-steps";

void makePhotoVariants(readContent(contentDir()));
