// Derived data computed once per source object (a catalog, a content load) and dropped with it.

/** `compute`, remembered per `source`: the first call for a source computes, later calls reuse the result. */
export function oncePer<Source extends object, Value>(compute: (source: Source) => Value): (source: Source) => Value {
  const results = new WeakMap<Source, Value>();
  return (source) => {
    if (!results.has(source)) results.set(source, compute(source));
    return results.get(source)!;
  };
}
