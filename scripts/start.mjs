// npm start: runs scripts/start.ts without a TypeScript loader in the serving process (server/bundle.mjs).
import { runBundled } from "../server/bundle.mjs";

runBundled("scripts/start.ts");
