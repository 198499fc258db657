// Search ranking that reads only the page, not every match: SQLite's FTS5 (lib/archive/sqlite/search.ts) and
// PostgreSQL's GIN over a tsvector (lib/archive/postgres/search.ts) walk the same states, each in its own syntax.
//
// A term's points in an article (lib/search-core/ranking.ts scoreFields) are its best field's weight plus its
// repeats in the body, at most five. Both are facts of the article, so the read model indexes them as
// tokens of their own in a `levels` column (lib/search-core/tokens.ts): "this character is in the title", "this
// two-character gram occurs at least 3 times in the body". A query then asks the index for the articles
// of one state (every term's field and repeat level), best state first; inside a state FTS5 hands them
// over by rowid, which is content order (newest first, then slug): the ranking's own tie-break. The walk
// stops as soon as no later state can place, so a word in every article costs a page of rows, not the
// archive. Terms of one or two characters are exact from the index alone; a longer term's repeats are
// bounded by its three-character grams' levels (never fewer occurrences of a gram than of the term) and
// counted exactly from the body for the rows the walk reaches.
import { FIELD_WEIGHTS, MAX_REPEATS, SEARCH_FIELDS, type SearchField } from "@/lib/search-core/ranking";
import { placeRanked, WALK_BUDGET, type RankedId, type WalkBudget } from "@/lib/archive/search-budget";
import { FIELD_MARK, hasTrigramLevels, PRESENT, SHORT_FIELDS, trigrams, type ShortField } from "@/lib/search-core/tokens";
import { yieldToReaders } from "@/lib/yield-to-readers";

/**
 * How an engine's index is asked. FTS5 (SQLite) reads phrases of grams, so its plans are exact about
 * where a term is; a tsquery (PostgreSQL's GIN index over a tsvector of the same tokens) names tokens
 * only, so its plans describe what the tokens tell (a longer term's grams all marked in the title, all
 * recurring in the body) and the walk reads the fields of the rows it reaches to score them exactly.
 * Without phrases a two-character gram's single occurrence needs a token of its own (levelTokens'
 * bigramsOnce), where FTS5 finds it in the body column.
 */
export type IndexSyntax = {
  phrases: boolean;
  token(token: string): string;
  and(parts: string[]): string;
  or(parts: string[]): string;
  not(left: string, right: string): string;
};

const phrase = (tokens: string[]) => `"${tokens.join(" ")}"`;
export const FTS5: IndexSyntax = {
  phrases: true,
  token: (token) => `{levels} : ${phrase([token])}`,
  and: (parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(" AND ")})`),
  or: (parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`),
  not: (left, right) => `(${left} NOT ${right})`,
};
export const TSQUERY: IndexSyntax = {
  phrases: false,
  // A quoted lexeme: a quote doubles, a backslash escapes.
  token: (token) => `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`,
  and: (parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(" & ")})`),
  or: (parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(" | ")})`),
  not: (left, right) => `(${left} & !${right})`,
};

/** The repeat levels from `level` up to MAX_REPEATS. */
const levelsFrom = (level: number) => Array.from({ length: MAX_REPEATS - level + 1 }, (_, i) => level + i);

/** Index expressions for one compact term. */
export type TermPlan = {
  /** Whether its states are exact (one or two characters) or an upper bound (longer terms). */
  exact: boolean;
  /** Articles holding it anywhere (tokens only: holding its grams, a superset). */
  anywhere: string;
  /** Whether `anywhere` is exactly the articles holding it (tokens only: a term of three characters or fewer). */
  anywhereExact: boolean;
  /** What every state of the term requires besides its own expressions, once per state (tokens only). */
  within?: string;
  /** Articles holding it in a short field (tokens only: holding its grams there, a superset). */
  inField: Record<ShortField, string>;
  /** Articles holding its grams in a short field: every article holding it there, and a few more. */
  marked: Record<ShortField, string>;
  /** Articles whose body holds it at least `level` times (longer terms: whose grams allow that many). */
  atLeast(level: number): string;
  /** Articles whose body holds it exactly `level` (1–5) times (longer terms: whose grams allow that many). */
  exactly(level: number): string;
};

/** Grams of a longer term that its marks and repeat bounds name. */
const BOUNDING_GRAMS = 4;
/** Three-character grams of a longer term that its "anywhere" names in PostgreSQL. */
const BOUNDING_TRIGRAMS = 6;

/** At most `most` distinct values of `values`, spread over them (first and last included). */
function spread(values: string[], most: number): string[] {
  const distinct = [...new Set(values)];
  if (distinct.length <= most) return distinct;
  return Array.from({ length: most }, (_, i) => distinct[Math.round((i * (distinct.length - 1)) / (most - 1))]!);
}

export function termPlan(term: string, syntax: IndexSyntax = FTS5): TermPlan {
  const { token, and, or, not } = syntax;
  const chars = [...term];
  const marks = (gram: string) => Object.values(FIELD_MARK).map((digit) => token(gram + digit));
  if (chars.length === 1) {
    const inField = { title: token(term + 7), tags: token(term + 8), summary: token(term + 9) };
    const atLeast = (level: number) => or(levelsFrom(level).map((l) => token(term + l)));
    return {
      exact: true,
      anywhereExact: true,
      anywhere: syntax.phrases ? or([atLeast(1), ...marks(term)]) : token(term + PRESENT),
      inField,
      marked: inField,
      atLeast,
      exactly: (level) => token(term + level),
    };
  }
  // Marks and repeat bounds need not name every gram: any of them gives a superset and a bound. A few,
  // spread over the term, keep a long term's expressions short (a reader may type 200 characters).
  const inOrder = chars.slice(1).map((c, i) => chars[i]! + c);
  const grams = spread(inOrder, BOUNDING_GRAMS);
  const marked = Object.fromEntries(
    SHORT_FIELDS.map((field) => [field, and(grams.map((gram) => token(gram + FIELD_MARK[field])))]),
  ) as Record<ShortField, string>;
  const levelsOf = (gram: string, level: number) => levelsFrom(level).map((l) => token(gram + l));
  // A longer term's repeats are bounded by its three-character grams' where they have levels: far closer
  // than its two-character grams' (충북도체육회장 against 충북, 체육, 회장), so the walk reads fewer bodies.
  const repeatGrams = spread(trigrams(chars).filter(hasTrigramLevels), BOUNDING_GRAMS);
  const bounds = (level: number) =>
    (repeatGrams.length && level > 1 ? repeatGrams : grams).map((gram) => or(levelsOf(gram, level)));
  if (!syntax.phrases) {
    // Tokens only: every gram of a two-character term has its exact level, a longer one its bound. A longer
    // term's three-character grams narrow every state to the articles that can hold it (`within`).
    const threes = spread(trigrams(chars), BOUNDING_TRIGRAMS);
    const anywhere = chars.length === 2 ? token(term + PRESENT) : and(threes.map((gram) => token(gram + PRESENT)));
    // Once is every gram's single-occurrence token: three-character grams have none (tokens of every
    // three-character gram of every body would double the index), so a bound from them starts at twice.
    const atLeast = (level: number) => and(bounds(level));
    return {
      exact: chars.length === 2,
      anywhereExact: chars.length <= 3,
      anywhere,
      ...(chars.length > 2 && { within: anywhere }),
      inField: marked,
      marked,
      atLeast,
      exactly: (level) =>
        chars.length === 2
          ? token(term + level)
          : level === MAX_REPEATS
            ? atLeast(level)
            : not(atLeast(level), atLeast(level + 1)),
    };
  }
  const termPhrase = phrase(inOrder);
  const inBody = `{body} : ${termPhrase}`;
  // Two characters: the mark is exact. Longer: every gram marked narrows, the field's phrase decides.
  const inField = Object.fromEntries(
    SHORT_FIELDS.map((field) => [field, chars.length === 2 ? marked[field] : and([marked[field], `{${field}} : ${termPhrase}`])]),
  ) as Record<ShortField, string>;
  // A gram occurring once has no token of its own: "at least once" is the body's phrase. Twice and more
  // is the three-character grams' levels alone: for a term of three characters they say it is in the body,
  // and a longer one's rows are scored anyway (inexact states), while the body's phrase of common grams
  // cost every state a pass over their doclists (있는 200: 215 ms for eleven rows, 71 ms without).
  const atLeast = (level: number) =>
    level === 1 ? inBody : repeatGrams.length ? and(bounds(level)) : and([...bounds(level), inBody]);
  return {
    exact: chars.length === 2,
    anywhereExact: true,
    // Without a column filter FTS5 need not read where a gram occurs; only a gram ending in a digit could
    // also be a levels token (시5), so only those keep to the text columns.
    anywhere: /[1-9]/.test(term) ? `{title tags summary body} : ${termPhrase}` : termPhrase,
    inField,
    marked,
    atLeast,
    exactly: (level) =>
      chars.length === 2 && level > 1
        ? token(term + level)
        : level === MAX_REPEATS
          ? atLeast(level)
          : not(atLeast(level), atLeast(level + 1)),
  };
}

/** The four places a term's weight can come from, best first. */
/** The fields a term can be found in, best first (lib/search-core/ranking.ts). */
const TIERS = SEARCH_FIELDS;
type Tier = SearchField;

/**
 * The part of a state that fixes one term's repeat level in its tier. In a short field's tier, level 0 says
 * the body lacks it (which needs the field's match to subtract from); in the body tier the level itself
 * says the body holds it.
 */
function levelPart({ not }: IndexSyntax, plan: TermPlan, tier: Tier, level: number): string {
  return tier !== "body" && level === 0 ? not(plan.inField[tier], plan.atLeast(1)) : plan.exactly(level);
}

/**
 * The articles of a combination of tiers whose levels are one of `vectors`: every term in its tier's field
 * and in none better, with one of the vectors' levels. What the vectors share is written once, not once per
 * vector: PostgreSQL tests a tsquery against every candidate of its posting lists, so its length is time.
 */
function comboExpression(syntax: IndexSyntax, plans: TermPlan[], tiers: Tier[], vectors: number[][]): string {
  const { and, or, not } = syntax;
  const levels = or(vectors.map((vector) => and(vector.map((level, i) => levelPart(syntax, plans[i]!, tiers[i]!, level)))));
  const inTier = tiers.flatMap((tier, i) => (tier === "body" ? [] : [plans[i]!.inField[tier]]));
  let expression = and([...inTier, levels]);
  tiers.forEach((tier, i) => {
    for (const better of TIERS.slice(0, TIERS.indexOf(tier)))
      expression = not(expression, plans[i]!.inField[better as ShortField]);
  });
  return expression;
}

/** A set of articles with one best score: at most `max`, exactly `max` when `exact`. */
export type SearchState = { match: string; max: number; exact: boolean };

/** The articles matching every term (FTS5). */
export function matchAll(plans: TermPlan[], { and }: IndexSyntax = FTS5): string {
  return and(plans.map((plan) => plan.anywhere));
}

/**
 * Every state of `plans` best first, leaving out the field combinations `exists` finds no article for. A
 * state fixes each term's tier and repeat level; its score is the sum of their weights and levels.
 * `exists` is asked only of the marks of the short fields a combination names: a cheap test (those
 * tokens are few) that is empty whenever the combination is. Bodies alone are taken to exist.
 */
export async function* searchStates(
  plans: TermPlan[],
  exists: (match: string) => boolean | Promise<boolean>,
  syntax: IndexSyntax = FTS5,
): AsyncGenerator<SearchState> {
  const { and, or } = syntax;
  const exact = plans.every((plan) => plan.exact);
  let combos: { tiers: Tier[]; weight: number }[] = [{ tiers: [], weight: 0 }];
  for (let i = 0; i < plans.length; i++)
    combos = combos.flatMap((combo) =>
      TIERS.map((tier) => ({ tiers: [...combo.tiers, tier], weight: combo.weight + FIELD_WEIGHTS[tier] })),
    );
  // Each combination's states by their sum of levels, best first; expressions are written, and
  // combinations tested, only for the states the walk reaches.
  const groups = combos.flatMap((combo) =>
    Array.from({ length: MAX_REPEATS * plans.length + 1 }, (_, levels) => ({ combo, levels, max: combo.weight + levels })),
  );
  groups.sort((a, b) => b.max - a.max);
  const found = new Map<(typeof combos)[number], boolean>();
  const within = plans.flatMap((plan) => (plan.within ? [plan.within] : []));
  const state = (matches: string[]) => and([...within, or(matches)]);
  // States of one score are asked as one query (their OR): rows still come in content order, and an
  // empty state then costs no query of its own.
  let pending: { max: number; matches: string[] } = { max: Infinity, matches: [] };
  for (const { combo, levels, max } of groups) {
    if (max !== pending.max && pending.matches.length) yield { match: state(pending.matches), max: pending.max, exact };
    if (max !== pending.max) pending = { max, matches: [] };
    if (!found.has(combo)) {
      const named = combo.tiers.flatMap((tier, i) => (tier === "body" ? [] : [plans[i]!.marked[tier]]));
      found.set(combo, !named.length || (await exists(and(named))));
    }
    if (!found.get(combo)) continue;
    const vectors = levelVectors(combo.tiers, levels);
    if (vectors.length) pending.matches.push(comboExpression(syntax, plans, combo.tiers, vectors));
  }
  if (pending.matches.length) yield { match: state(pending.matches), max: pending.max, exact };
}

/** Every way `tiers` can take repeat levels summing to `sum` (a term found only in the body repeats at least once). */
function levelVectors(tiers: Tier[], sum: number): number[][] {
  if (!tiers.length) return sum === 0 ? [[]] : [];
  const [tier, ...rest] = tiers;
  const vectors: number[][] = [];
  for (let level = tier === "body" ? 1 : 0; level <= Math.min(MAX_REPEATS, sum); level++)
    for (const vector of levelVectors(rest, sum - level)) vectors.push([level, ...vector]);
  return vectors;
}

export type { RankedId };

/** The longest a walk works between two yields to other requests. */
const SLICE_MS = 10;

/** A walk's best rows; `complete` unless the budget ran out before the page was settled. */
export type WalkResult = { ranked: RankedId[]; complete: boolean };

/**
 * The best `place` matches, in ranking order, walking `states` best first. `rows(state)` yields a state's
 * published ids in content order (`before(a, b)`: a comes first; SQLite's ids are content order);
 * `score(id)` is the exact score of a row of an inexact state, 0 when the row only looked like a match
 * (tokens without phrases). Stops as soon as no later row can place: rows come in content order and a
 * state's scores are at most its max. Stops too when the next state would exceed `budget`
 * (lib/archive/search-budget.ts), and answers what it has, not `complete`; between states it lets the
 * requests waiting behind it run.
 */
export async function walkStates(
  states: AsyncIterable<SearchState>,
  place: number,
  rows: (state: SearchState) => Iterable<number> | AsyncIterable<number>,
  score: (id: number) => number,
  before: (a: number, b: number) => boolean = (a, b) => a < b,
  budget: WalkBudget = WALK_BUDGET,
): Promise<WalkResult> {
  const best: RankedId[] = [];
  const beats = (a: RankedId, b: RankedId) => a.score > b.score || (a.score === b.score && before(a.id, b.id));
  const spent = { states: 0, characters: 0, rows: 0 };
  const deadline = performance.now() + budget.milliseconds;
  for await (const state of states) {
    if (best.length === place && best[place - 1]!.score > state.max) return { ranked: best, complete: true };
    if (
      spent.states + 1 > budget.states ||
      spent.characters + state.match.length > budget.characters ||
      performance.now() > deadline
    )
      return { ranked: best, complete: false };
    if (spent.states > 0) await yieldToReaders();
    let slice = performance.now();
    spent.states++;
    spent.characters += state.match.length;
    for await (const id of rows(state)) {
      const last = best[place - 1];
      // Later rows of this state come after this one in content order and score at most state.max.
      if (last && best.length === place && !beats({ id, score: state.max }, last)) break;
      const now = performance.now();
      if (++spent.rows > budget.rows || now > deadline) return { ranked: best, complete: false };
      // Scoring an inexact state's rows reads their fields: 2,000 of them held the loop 245 ms at 100,000
      // articles. Readers go in between slices.
      if (now - slice > SLICE_MS) {
        await yieldToReaders();
        slice = performance.now();
      }
      const row = { id, score: state.exact ? state.max : score(id) };
      if (row.score === 0 || (best.length === place && !beats(row, last!))) continue;
      placeRanked(best, row, place, beats);
      // In an exact walk a last place scoring this state's max is this state's row, and every later row
      // comes after it: stop without asking for one more (a round trip in PostgreSQL).
      if (state.exact && best.length === place && best[place - 1]!.score >= state.max) break;
    }
  }
  return { ranked: best, complete: true };
}
