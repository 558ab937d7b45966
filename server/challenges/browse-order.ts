import { sql, type SQL } from 'drizzle-orm';
import { challenges } from '../../models/schema/index.ts';
import type { BrowseSort, CursorPosition } from './browse-cursor.ts';

// The orders of /retos as keyset pagination sees them: each is a list of keys sorted in one
// direction and ending with the challenge id, so the order is total even among ties, and the
// next page is "the rows after the last one shown" in a single row comparison.

/** The expressions the orders sort on, besides the publication time and the id. */
export interface SortExpressions {
  rank: SQL;
  proposals: SQL;
  prize: SQL;
  deadlineBucket: SQL;
  deadlineDays: SQL;
}

export interface SortPlan {
  /** Sort keys, all in one direction, the challenge id last: a total order. */
  keys: SQL[];
  descending: boolean;
  /** The keys of a position, in the same order, as SQL values. */
  values(after: CursorPosition): SQL[];
  position(row: KeyedRow): CursorPosition;
}

/** What a page query selects for the cursor of its last row. */
export interface KeyedRow {
  id: string;
  publishedAt: Date | null;
  rank: number;
  proposals: number;
  prize: number;
  deadlineBucket: number;
  deadlineDays: number;
}

export function sortPlan(sort: BrowseSort, by: SortExpressions, today: string): SortPlan {
  const publishedAt = sql`${challenges.publishedAt}`;
  const id = sql`${challenges.id}`;
  const publishedIso = (row: KeyedRow) => row.publishedAt!.toISOString();
  const at = <S extends BrowseSort>(after: CursorPosition) =>
    after as Extract<CursorPosition, { sort: S }>;
  switch (sort) {
    case 'newest':
      // (published_at, id) is indexed: a newest-first page is a short backward index scan.
      return {
        keys: [publishedAt, id],
        descending: true,
        values: (after) => [sql`${at<'newest'>(after).publishedAt}::timestamptz`],
        position: (row) => ({ sort, publishedAt: publishedIso(row), id: row.id }),
      };
    case 'relevance':
      return {
        keys: [by.rank, publishedAt, id],
        descending: true,
        values: (after) => [
          sql`${at<'relevance'>(after).rank}::float8`,
          sql`${at<'relevance'>(after).publishedAt}::timestamptz`,
        ],
        position: (row) => ({ sort, rank: row.rank, publishedAt: publishedIso(row), id: row.id }),
      };
    case 'proposals':
      return {
        keys: [by.proposals, publishedAt, id],
        descending: true,
        values: (after) => [
          sql`${at<'proposals'>(after).proposals}::int`,
          sql`${at<'proposals'>(after).publishedAt}::timestamptz`,
        ],
        position: (row) => ({
          sort,
          proposals: row.proposals,
          publishedAt: publishedIso(row),
          id: row.id,
        }),
      };
    case 'prize':
      return {
        keys: [by.prize, publishedAt, id],
        descending: true,
        values: (after) => [
          sql`${at<'prize'>(after).prize}::bigint`,
          sql`${at<'prize'>(after).publishedAt}::timestamptz`,
        ],
        position: (row) => ({ sort, prize: row.prize, publishedAt: publishedIso(row), id: row.id }),
      };
    case 'deadline':
      return {
        keys: [by.deadlineBucket, by.deadlineDays, id],
        descending: false,
        values: (after) => [
          sql`${at<'deadline'>(after).bucket}::int`,
          sql`${at<'deadline'>(after).days}::int`,
        ],
        position: (row) => ({
          sort,
          today,
          bucket: row.deadlineBucket as 0 | 1 | 2,
          days: row.deadlineDays,
          id: row.id,
        }),
      };
  }
}

/** Closing soon: deadlines still ahead (0), then those already past (1), then none (2). */
export function deadlineBucket(today: string): SQL {
  return sql`(case when ${challenges.deadline} is null then 2 when ${challenges.deadline} >= ${today}::date then 0 else 1 end)`;
}

/** Days between the deadline and today: nearest first, ahead or past. */
export function deadlineDays(today: string): SQL {
  return sql`coalesce(abs(${challenges.deadline} - ${today}::date), 0)`;
}

/** Rows after the position, in the sort's order: one row comparison over all the keys. */
export function afterPosition(plan: SortPlan, after: CursorPosition): SQL {
  const keys = sql.join(plan.keys, sql`, `);
  const values = sql.join([...plan.values(after), sql`${after.id}::uuid`], sql`, `);
  return plan.descending ? sql`(${keys}) < (${values})` : sql`(${keys}) > (${values})`;
}
