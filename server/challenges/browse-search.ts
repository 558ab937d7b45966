import { sql, type SQL } from 'drizzle-orm';

// Spanish full-text search for /retos. The 'es_unaccent' configuration (unaccent, then the
// Spanish stemmer) already ignores accents and conflates most plurals, but the stemmer leaves
// short words alone: "ríos" stays 'rios' while "río" is 'rio'. So each plain word also searches
// its likely singular or plural; a query that uses the web search syntax (quotes, -word, or) is
// passed to websearch_to_tsquery as typed.

const CONFIG = sql.raw(`'es_unaccent'`);
const MAX_EXPANDED_WORDS = 8;
const VOWEL_END = /[aeiouáéíóú]$/i;
const LETTERS = /^\p{L}{3,}$/u;
const SEARCH_SYNTAX = /"|(?:^|\s)-|(?:^|\s)or(?:\s|$)/i;

/** The word and its likely singular or plural forms: "ríos" → ["ríos", "río"]. */
export function wordForms(word: string): string[] {
  if (!LETTERS.test(word)) return [word];
  const lower = word.toLowerCase();
  const forms = [word];
  if (lower.endsWith('ces') && word.length >= 5) forms.push(`${word.slice(0, -3)}z`);
  if (lower.endsWith('es') && word.length >= 5) forms.push(word.slice(0, -2), word.slice(0, -1));
  else if (lower.endsWith('s') && word.length >= 4) forms.push(word.slice(0, -1));
  else if (lower.endsWith('z')) forms.push(`${word.slice(0, -1)}ces`);
  else if (VOWEL_END.test(word)) forms.push(`${word}s`);
  else if (!lower.endsWith('s')) forms.push(`${word}es`);
  return [...new Set(forms)];
}

/** The words that get their forms searched too; undefined when the query uses search syntax. */
export function expandableWords(q: string): string[] | undefined {
  if (SEARCH_SYNTAX.test(q)) return undefined;
  const words = q.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= MAX_EXPANDED_WORDS ? words : undefined;
}

/**
 * How many matches a search ranks: the newest this many. ts_rank reads every ranked row's
 * tsvector from the table, so ranking all matches of a common word ("datos": 65,758 rows at
 * 100,000 challenges) costs the whole table. A cap lets the planner pick the cheaper of two
 * bounded plans: walk the publication index until this many matches (a common word) or fetch
 * the few matches from the search index (a rare one); at the worst, in between, about
 * sqrt(cap × challenges) rows. 200 is ten pages of results, more than people page through.
 */
export const RANKED_MATCHES = 200;

/**
 * The tsquery for a search as an expression of constants, which PostgreSQL folds once per
 * statement and whose selectivity it can estimate, so a filter on it picks the right index.
 */
export function searchTsQueryExpression(q: string): SQL {
  const words = expandableWords(q);
  if (!words) return sql`websearch_to_tsquery(${CONFIG}, ${q})`;
  // `||` of tsqueries is OR, `&&` is AND; an empty operand (a stop word) drops out of either.
  const perWord = words.map(
    (word) =>
      sql`(${sql.join(
        wordForms(word).map((form) => sql`websearch_to_tsquery(${CONFIG}, ${form})`),
        sql` || `,
      )})`,
  );
  return sql`(${sql.join(perWord, sql` && `)})`;
}

/**
 * The tsquery as an uncorrelated subquery, so PostgreSQL computes it once per statement (an
 * InitPlan) instead of once per ranked row even where it cannot fold it.
 */
export function searchTsQuery(q: string): SQL {
  return sql`(select ${searchTsQueryExpression(q)})`;
}
