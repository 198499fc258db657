// What the two build benchmarks (bench:build, bench:floor) print the same way.
import os from "node:os";

/** The machine line every build figure is read against. */
export function machineLine(): string {
  return `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}

/** What one more unit (article, page) costs once the fixed part of a build is paid; undefined for one count (or repeats of it). */
export function marginalLine(results: { count: number; ms: number }[], unit: string): string | undefined {
  if (results.length < 2) return undefined;
  const first = results[0]!;
  const last = results[results.length - 1]!;
  if (last.count === first.count) return undefined;
  const marginal = (last.ms - first.ms) / (last.count - first.count);
  return `marginal: ${marginal.toFixed(1)} ms per added ${unit} from ${first.count} to ${last.count}`;
}
