// Reader queries made from an archive's own words, for the search tests and benchmarks (issue #28: search
// the input space, not only hand-picked queries).

/** A small deterministic generator (mulberry32): the same numbers in [0, 1) on every run of one seed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` queries of one to ten words of `texts`, as readers type them: words as they stand in the text,
 * particles and punctuation included.
 */
export function generatedQueries(texts: string[], count: number, seed = 28): string[] {
  const vocabulary = [...new Set(texts.flatMap((text) => text.split(/\s+/)).filter(Boolean))];
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 10) }, () => vocabulary[Math.floor(next() * vocabulary.length)]!).join(" "),
  );
}
