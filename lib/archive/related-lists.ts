// 관련기사 candidates from their groups' member lists: each candidate's bound is the sum of the weights of
// the lists holding it (a tag 10, the series 30, the section 3; lib/related.ts), so ranking a popular tag's
// thousands of members is a merge of sorted id lists, not an aggregate query per article page.

/** One group's published members, ids ascending (content order), and what membership adds to a bound. */
export type WeightedIds = { ids: ArrayLike<number>; weight: number };

export type BoundedId = { id: number; bound: number };

/**
 * Every id of `lists` but those in `skip`, with its bound, best bound first and in content order within a
 * bound: a k-way merge of the sorted lists, bucketed by bound.
 */
export function* byBound(lists: WeightedIds[], skip: ReadonlySet<number>): Generator<BoundedId> {
  // Plain loops, buckets indexed by bound, `skip` tested only for what is handed over: at 100,000
  // articles a page merges some 66,000 ids and ranking reads a few dozen of them.
  const count = lists.length;
  const ids = lists.map((list) => list.ids);
  const weights = lists.map((list) => list.weight);
  const at = new Int32Array(count);
  const buckets: number[][] = [];
  for (;;) {
    let next = Infinity;
    for (let i = 0; i < count; i++) {
      const list = ids[i]!;
      const place = at[i]!;
      if (place < list.length && list[place]! < next) next = list[place]!;
    }
    if (next === Infinity) break;
    let bound = 0;
    for (let i = 0; i < count; i++) {
      if (ids[i]![at[i]!] === next) {
        bound += weights[i]!;
        at[i]!++;
      }
    }
    (buckets[bound] ??= []).push(next);
  }
  for (let bound = buckets.length - 1; bound > 0; bound--)
    for (const id of buckets[bound] ?? []) if (!skip.has(id)) yield { id, bound };
}

/** Two sequences each best bound first then ascending id, as one. */
export function* mergeByBound(a: Iterable<BoundedId>, b: Iterable<BoundedId>): Generator<BoundedId> {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  let x = left.next();
  let y = right.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && (x.value.bound > y.value.bound || (x.value.bound === y.value.bound && x.value.id < y.value.id)))) {
      yield x.value;
      x = left.next();
    } else {
      yield y.value;
      y = right.next();
    }
  }
}

/**
 * Member lists kept between pages, least recently used dropped past `maxIds` ids in all (8 bytes each):
 * a build's worker renders hundreds of articles sharing a few popular tags, and a server the old articles
 * readers open. The lists of one read model at one instant never change.
 */
export class MemberListCache {
  private readonly lists = new Map<string, Float64Array>();
  private held = 0;

  constructor(private readonly maxIds: number) {}

  get(key: string, load: () => Float64Array): Float64Array {
    let list = this.lists.get(key);
    if (list) this.lists.delete(key);
    else {
      list = load();
      this.held += list.length;
    }
    this.lists.set(key, list);
    for (const [oldest, dropped] of this.lists) {
      if (this.held <= this.maxIds || oldest === key) break;
      this.lists.delete(oldest);
      this.held -= dropped.length;
    }
    return list;
  }

  /** Ids held, for tests. */
  get size(): number {
    return this.held;
  }
}
