// node scripts/run.mjs scripts/<command>.ts [args…]: a TypeScript command without a TypeScript loader in
// its process (server/bundle.mjs), for commands whose memory is measured (npm run content:import).
import { runBundled } from "../server/bundle.mjs";

const [entry] = process.argv.splice(2, 1);
if (!entry) {
  console.error("usage: node scripts/run.mjs scripts/<command>.ts [args…]");
  process.exit(2);
}
runBundled(entry);
