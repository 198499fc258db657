// npm run content:check — validates every file under content/ (or CONTENT_DIR); exits 1 on any problem.
import { contentDir } from "@/lib/site";
import { checkContent } from "./lib/content-steps";

checkContent(contentDir());
