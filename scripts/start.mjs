// npm start: runs scripts/start.ts without a TypeScript loader in the serving process (scripts/lib/bundle.mjs).
import { runBundled } from "./lib/bundle.mjs";

runBundled("scripts/start.ts");
