// 관련기사's list merge (lib/archive/related-lists.ts) against brute force: random sorted id lists with
// weights, some ids skipped, every id's bound and the order they come in.
import { describe, expect, it } from "vitest";
import { byBound, MemberListCache, mergeByBound, type BoundedId } from "@/lib/archive/related-lists";

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ordered = (rows: BoundedId[]) => [...rows].sort((a, b) => b.bound - a.bound || a.id - b.id);

describe("관련기사 list merge", () => {
  it("bounds every id by the weights of the lists holding it, best bound first, ascending id within", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      // Ids as the read model spaces them, negative ones included (an update writes before the first).
      const universe = Array.from({ length: 1 + Math.floor(next() * 60) }, (_, i) => (i - 5) * 65_536);
      const lists = Array.from({ length: Math.floor(next() * 6) }, () => ({
        ids: Float64Array.from(universe.filter(() => next() < 0.4)),
        weight: [10, 30, 3][Math.floor(next() * 3)]!,
      }));
      const skip = new Set(universe.filter(() => next() < 0.1));
      const expected = ordered(
        universe
          .filter((id) => !skip.has(id))
          .map((id) => ({ id, bound: lists.reduce((sum, list) => sum + (list.ids.includes(id) ? list.weight : 0), 0) }))
          .filter((row) => row.bound > 0),
      );
      expect([...byBound(lists, skip)]).toEqual(expected);
    }
  });

  it("merges two ordered sequences into one, keeping the order", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = random(seed);
      const rows = (n: number) =>
        ordered(Array.from({ length: n }, () => ({ id: Math.floor(next() * 50), bound: Math.floor(next() * 4) * 10 })));
      const a = rows(Math.floor(next() * 8));
      const b = rows(Math.floor(next() * 8));
      expect([...mergeByBound(a, b)]).toEqual(ordered([...a, ...b]));
    }
  });

  it("keeps member lists up to its bound, dropping the least recently used", () => {
    const cache = new MemberListCache(10);
    let loads = 0;
    const list = (n: number) => () => {
      loads++;
      return new Float64Array(n);
    };
    cache.get("a", list(4));
    cache.get("b", list(4));
    cache.get("a", list(4)); // a is now the most recent
    expect(loads).toBe(2);
    cache.get("c", list(4)); // over 10: b goes
    expect(cache.size).toBe(8);
    cache.get("a", list(4));
    expect(loads).toBe(3);
    cache.get("b", list(4));
    expect(loads).toBe(4);
    // A list larger than the bound is still handed over, and held alone.
    expect(cache.get("huge", list(20)).length).toBe(20);
    expect(cache.size).toBe(20);
  });
});
