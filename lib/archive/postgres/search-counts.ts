// How many published articles a PostgreSQL search matches: from the sample, from the index, and for a
// longer term whose grams the tokens only bound, from its words and, for the doubtful rest, its fields.
import pg from "pg";
import { TSQUERY, type TermPlan } from "@/lib/archive/search-levels";
import { WORD_MARK } from "@/lib/search-core/tokens";
import type { SearchTuning } from "@/lib/archive/search-budget";
import type { ArchiveSearchResult } from "@/lib/archive/reader";
import { estimatesFrom, roundEstimate, SAMPLE_EVERY, totalFromSample, type SearchTotal } from "@/lib/archive/estimate";
import { SAMPLED_ROW, TOKENS_PUBLISHED } from "@/lib/archive/postgres/schema";
import type { PgConnection } from "@/lib/archive/postgres/connection";

/**
 * How many published articles hold every term: counted on the sample first (every SAMPLE_EVERY-th
 * article, its own GIN index), and where the sample holds ESTIMATE_FROM candidates or more, estimated
 * from it. Counting exactly visits every matching row: 17–33 ms for a word in 60,000–90,000 of 100,000
 * articles, the slowest part of such a search, where the sample takes 3–5 ms and is within ~1 %.
 */
export async function countMatches(
  db: PgConnection,
  options: SearchTuning,
  clients: [pg.PoolClient, pg.PoolClient],
  terms: string[],
  plans: TermPlan[],
  params: Record<string, unknown>,
  holds: string,
): Promise<Pick<ArchiveSearchResult, "total" | "totalIsEstimate">> {
  const all = params.all as string;
  const sampled = (
    await db.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM archive_search_tokens s
         WHERE s.tokens @@ @all::tsquery AND ${SAMPLED_ROW} AND ${TOKENS_PUBLISHED}`,
      params,
      clients[0],
    )
  )[0]!.n;
  if (estimatesFrom(sampled, options.estimateFrom, params.limit as number)) {
    // A longer term's candidates hold its grams: the share of them holding the term is read off about
    // VERIFIED_AT_MOST of the sample's, every so many of them by id, so from every year of the archive.
    const every = SAMPLE_EVERY * Math.max(1, Math.floor(sampled / VERIFIED_AT_MOST));
    const share = holds
      ? await countHolding(db, clients[0], params, all, holds, `AND ${SAMPLED_ROW} AND s.article_id % ${every} = 0`)
      : undefined;
    const inSample = share && share.read < sampled ? (sampled * share.held) / share.read : (share?.held ?? sampled);
    // None of the share read holding the term is no estimate of zero: those are counted (where a count
    // alone estimates from few, whether a word is in the archive at all must stay exact).
    if (!share || share.held > 0) return totalFromSample(inSample);
  }
  const whole = await countIn(db, options, clients, terms, plans, params, holds);
  if (!whole.estimated) return { total: whole.total };
  // Never below what was read to hold the term nor above the candidates: three holders among 600
  // candidates must not read as 약 0건.
  return { total: Math.min(whole.candidates, Math.max(whole.known, roundEstimate(whole.total))), totalIsEstimate: true };
}

/**
 * How many published articles hold every term, and how many the index
 * gives as candidates. Tokens decide for terms of up to three characters. An article holds a longer term
 * for certain when one of its words contains it (the words table finds those words by trigrams); only
 * the articles holding its grams but none of those words have their fields read, so a common word costs
 * two index scans, not a pass over every body. The two counts run on the two connections given (the
 * first is free; the second is the walk's, which they share). Where more than VERIFIED_AT_MOST articles
 * would have their fields read (a common term written across words, 클러스터사업 for 클러스터 사업),
 * that many are read and the total is estimated from them (`estimated`; `known` is what was read to hold it).
 */
export async function countIn(
  db: PgConnection,
  options: SearchTuning,
  [client, other]: [pg.PoolClient, pg.PoolClient],
  terms: string[],
  plans: TermPlan[],
  params: Record<string, unknown>,
  holds: string,
): Promise<{ total: number; candidates: number; known: number; estimated: boolean }> {
  const count = async (match: string, on = client) =>
    (
      await db.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM archive_search_tokens s WHERE s.tokens @@ @match::tsquery AND ${TOKENS_PUBLISHED}`,
        { ...params, match },
        on,
      )
    )[0]!.n;
  const all = params.all as string;
  if (!holds) {
    const total = await count(all);
    return { total, candidates: total, known: total, estimated: false };
  }
  const longer = plans.map((plan) => !plan.anywhereExact);
  // One after another: one connection runs one query at a time.
  const wordSets: string[][] = [];
  for (const term of terms.filter((_, i) => longer[i]))
    wordSets.push(
      (
        await db.rows<{ word: string }>(
          "SELECT word FROM archive_search_words WHERE word LIKE @pattern LIMIT @limit",
          { pattern: `%${term.replace(/[\\%_]/g, "\\$&")}%`, limit: MAX_CONTAINING_WORDS + 1 },
          client,
        )
      ).map((row) => row.word),
    );
  const { and, or, not, token } = TSQUERY;
  // Too many words, or none: the term's certainty cannot be put to the index, so every candidate is doubtful.
  const certainty = wordSets.every((words) => words.length && words.length <= MAX_CONTAINING_WORDS);
  const words = certainty ? wordSets.map((set) => or(set.map((word) => token(word + WORD_MARK)))) : [];
  // A word holding a term holds its grams: the other terms' tokens and the words say it all. Only the
  // articles holding the grams and none of those words have their fields read; usually there are none,
  // which the count of articles holding the grams tells.
  const [certain, candidates] = await overlapped(
    other === client,
    () =>
      certainty ? count(and([...plans.filter((_, i) => !longer[i]).map((plan) => plan.anywhere), ...words])) : Promise.resolve(0),
    () => count(all, other),
  );
  if (certain === candidates) return { total: certain, candidates, known: certain, estimated: false };
  const doubtful = await countHolding(db, client, params, certainty ? not(all, and(words)) : all, holds);
  const known = certain + doubtful.held;
  if (doubtful.read === 0 || doubtful.read === candidates - certain) return { total: known, candidates, known, estimated: false };
  return { total: certain + ((candidates - certain) * doubtful.held) / doubtful.read, candidates, known, estimated: true };
}

/**
 * Of the published articles matching `match`, how many `holds` (SQL over their fields) keeps, reading
 * at most VERIFIED_AT_MOST of them, the first in the table's order (TOKENS_PUBLISHED says why not the
 * newest-first index's).
 */
export async function countHolding(
  db: PgConnection,
  client: pg.PoolClient,
  params: Record<string, unknown>,
  match: string,
  holds: string,
  scope = "",
): Promise<{ held: number; read: number }> {
  const [row] = await db.rows<{ held: number; read: number }>(
    `SELECT (count(*) FILTER (WHERE ${holds}))::int AS held, count(*)::int AS read
       FROM (SELECT s.article_id FROM archive_search_tokens s
         WHERE s.tokens @@ @match::tsquery ${scope} AND ${TOKENS_PUBLISHED} LIMIT @verified) d
       JOIN archive_search h ON h.article_id = d.article_id`,
    { ...params, match, verified: VERIFIED_AT_MOST },
    client,
  );
  return row!;
}

/** A filtered search's total from the sample's `sampled` candidates, a longer term's share of them read off a few. */
export async function sampledFilterTotal(
  db: PgConnection,
  client: pg.PoolClient,
  params: Record<string, unknown>,
  sampled: number,
  holds: string,
  inFilter: string,
): Promise<SearchTotal> {
  if (!holds) return totalFromSample(sampled);
  const { held, read } = await countHolding(
    db,
    client,
    params,
    params.all as string,
    holds,
    `AND ${SAMPLED_ROW} AND ${inFilter}`,
  );
  return totalFromSample(read < sampled ? (sampled * held) / Math.max(read, 1) : held);
}

/**
 * A filtered search's total, counted through the index; a longer term's share of the candidates that
 * holds it read off the first VERIFIED_AT_MOST (an estimate when there are more).
 */
export async function countedFilterTotal(
  db: PgConnection,
  client: pg.PoolClient,
  params: Record<string, unknown>,
  where: string,
  holds: string,
  order: string,
): Promise<SearchTotal> {
  const [{ candidates }] = (await db.rows<{ candidates: number }>(
    `SELECT count(*)::int AS candidates FROM archive_search_tokens s WHERE ${where}`,
    params,
    client,
  )) as [{ candidates: number }];
  if (!holds || candidates === 0) return { total: candidates };
  const [{ held, read }] = (await db.rows<{ held: number; read: number }>(
    `SELECT (count(*) FILTER (WHERE ${holds}))::int AS held, count(*)::int AS read
     FROM (SELECT s.article_id FROM archive_search_tokens s WHERE ${where} ORDER BY ${order} LIMIT @verified) d
     JOIN archive_search h ON h.article_id = d.article_id`,
    params,
    client,
  )) as [{ held: number; read: number }];
  return read === candidates
    ? { total: held }
    : { total: Math.max(held, roundEstimate((candidates * held) / read)), totalIsEstimate: true };
}

/**
 * `a` and `b` at once on two connections, one after the other when they `share` one: a connection runs one
 * query at a time, and a query sent to a busy one is queued by pg 8 with a deprecation warning and
 * refused by pg 9.
 */
export async function overlapped<A, B>(share: boolean, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (!share) return settled(a(), b());
  const first = await a();
  return [first, await b()];
}

/** Both values, once both promises have settled; the first failure, if any, once both have. */
async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === "rejected") throw x.reason;
  if (y.status === "rejected") throw y.reason;
  return [x.value, y.value];
}

/**
 * Articles whose fields one search reads at most to count a longer term's doubtful matches: 1,000 took
 * ~45 ms at 100,000 articles (reading the bodies), all 76,000 of 클러스터사업 765 ms. An estimate from 500
 * is within ±4.5 % of the doubtful share (two standard errors at worst).
 */
export const VERIFIED_AT_MOST = 500;

/** Words containing a term that one count's query names at most (a tsquery of that many alternatives). */
const MAX_CONTAINING_WORDS = 2000;
