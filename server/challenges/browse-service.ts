import {
  and,
  arrayOverlaps,
  asc,
  count,
  desc,
  eq,
  exists,
  inArray,
  isNotNull,
  isNull,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import { challenges, organizations, sponsorships } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { dayInMexico } from '../lib/index.ts';
import { cardColumns, toChallengeCard, type ChallengeCard } from './cards.ts';
import type { BrowseSort, CursorPosition } from './browse-cursor.ts';
import { encodeCursor } from './browse-cursor.ts';
import {
  afterPosition,
  deadlineBucket,
  deadlineDays,
  sortPlan,
  type SortExpressions,
} from './browse-order.ts';
import { RANKED_MATCHES, searchTsQuery, searchTsQueryExpression } from './browse-search.ts';
import { skillSpellings } from './browse-skills.ts';
import type { BrowseFilters } from './browse-query.ts';

export const PAGE_SIZE = 20;
// Every pledge not withdrawn backs its challenge, whatever its receiver said of the delivery.
const BACKING_SPONSORSHIPS = ['pledged', 'fulfilled', 'confirmed', 'disputed'] as const;

export interface BrowseCard extends ChallengeCard {
  proposals: { count: number };
  sponsored: boolean;
}

export interface BrowsePage {
  cards: BrowseCard[];
  /** Every challenge matching the filters, on all pages. */
  total: number;
  /** The cursor of the next page; undefined on the last one. */
  nextCursor?: string;
  /** Set when a search ranked only its newest matches, not all `total` (RANKED_MATCHES). */
  rankedMatches?: number;
}

export interface BrowseRequest {
  filters: BrowseFilters;
  sort: BrowseSort;
  /** Where the previous page ended; the first page has none. */
  after?: CursorPosition;
  /** Rows a page shows; /retos keeps PAGE_SIZE, the JSON API lets callers choose within bounds. */
  pageSize?: number;
}

export { dayInMexico };

/**
 * What may be listed, and the filters, combined with AND. Published means not a draft, not
 * archived, and given a publication time (the newest-first order and its cursor rely on it).
 */
export function browseConditions(
  filters: BrowseFilters,
  skillSpellings: string[] | undefined,
): SQL[] {
  const where: SQL[] = [
    ne(challenges.status, 'draft'),
    eq(challenges.archived, false),
    isNotNull(challenges.publishedAt),
  ];
  if (filters.q) {
    where.push(sql`${challenges.search} @@ ${searchTsQueryExpression(filters.q)}`);
  }
  if (filters.status) where.push(eq(challenges.status, filters.status));
  // `@>` is the operator the GIN index on sdgs answers.
  if (filters.sdg) where.push(sql`${challenges.sdgs} @> ARRAY[${filters.sdg}]::integer[]`);
  if (filters.state === 'national') where.push(isNull(challenges.stateCode));
  else if (filters.state) where.push(eq(challenges.stateCode, filters.state));
  // Any spelling in use of the skill asked for: `&&` is answered by the GIN index on skills.
  if (skillSpellings) where.push(arrayOverlaps(challenges.skills, skillSpellings));
  if (filters.kind) {
    where.push(
      inArray(
        challenges.organizationId,
        sql`(select ${organizations.id} from ${organizations} where ${organizations.kind} = ${filters.kind})`,
      ),
    );
  }
  if (filters.sponsored !== undefined) {
    const backed = exists(
      sql`(select 1 from ${sponsorships} where ${sponsorships.challengeId} = ${challenges.id} and ${inArray(sponsorships.status, [...BACKING_SPONSORSHIPS])})`,
    );
    where.push(filters.sponsored ? backed : sql`not ${backed}`);
  }
  return where;
}

// Prize money that still counts: pledged or already paid, never withdrawn.
const prizeOfRow = sql<string>`(select coalesce(sum(${sponsorships.amountCentavos}), 0)::bigint from ${sponsorships} where ${sponsorships.challengeId} = ${challenges.id} and ${sponsorships.kind} = 'prize' and ${inArray(sponsorships.status, [...BACKING_SPONSORSHIPS])})`;

// A scalar subquery, not EXISTS: PostgreSQL may answer an EXISTS in the select list by hashing
// every backing pledge (a scan of the whole table per page); this one looks up the page's rows.
const sponsoredOfRow = sql<boolean>`coalesce((select true from ${sponsorships} where ${sponsorships.challengeId} = ${challenges.id} and ${inArray(sponsorships.status, [...BACKING_SPONSORSHIPS])} limit 1), false)`;

/**
 * The query of one page (a row more than shown, to know whether another follows) and its order.
 * Exported so a test can read its plan.
 */
export function browsePageQuery(db: Db, request: BrowseRequest, where: SQL[], today: string) {
  const { filters, sort, after } = request;
  const zero = sql<number>`0`;
  // Keys an order does not use are selected as 0, so only the order in use computes its keys.
  const by: SortExpressions = {
    rank:
      sort === 'relevance' && filters.q
        ? sql`ts_rank(${challenges.search}, ${searchTsQuery(filters.q)})::float8`
        : zero,
    // Kept by the database as proposals change; the proposals order reads it from its index.
    proposals: sql<number>`${challenges.proposalCount}`,
    prize: sort === 'prize' ? prizeOfRow : zero,
    deadlineBucket: sort === 'deadline' ? deadlineBucket(today) : zero,
    deadlineDays: sort === 'deadline' ? deadlineDays(today) : zero,
  };
  const plan = sortPlan(sort, by, today);
  const direction = plan.descending ? desc : asc;
  const matching = ranksMatches(request)
    ? [inArray(challenges.id, newestMatches(db, where))]
    : where;
  const query = db
    .select({
      ...cardColumns,
      id: challenges.id,
      publishedAt: challenges.publishedAt,
      sponsored: sponsoredOfRow,
      proposals: by.proposals,
      prize: by.prize,
      rank: by.rank,
      deadlineBucket: by.deadlineBucket,
      deadlineDays: by.deadlineDays,
    })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(and(...matching, after ? afterPosition(plan, after) : undefined))
    .orderBy(...plan.keys.map((key) => direction(key)))
    .limit((request.pageSize ?? PAGE_SIZE) + 1);
  return { query, plan };
}

const ranksMatches = (request: BrowseRequest) =>
  request.sort === 'relevance' && Boolean(request.filters.q);

/** The ids of the newest matches a search ranks: a bounded set, whichever index finds it. */
function newestMatches(db: Db, where: SQL[]) {
  return db
    .select({ id: challenges.id })
    .from(challenges)
    .where(and(...where))
    .orderBy(desc(challenges.publishedAt), desc(challenges.id))
    .limit(RANKED_MATCHES);
}

/** One page of published challenges matching the filters, and how many match in all. */
export async function browseChallenges(
  db: Db,
  request: BrowseRequest,
  now = new Date(),
): Promise<BrowsePage> {
  const { filters, after } = request;
  const spellings = filters.skill ? await skillSpellings(db, filters.skill) : undefined;
  const where = browseConditions(filters, spellings);
  const today = after?.sort === 'deadline' ? after.today : dayInMexico(now);
  const { query, plan } = browsePageQuery(db, request, where, today);
  const [rows, totals] = await Promise.all([
    query,
    db
      .select({ total: count() })
      .from(challenges)
      .where(and(...where)),
  ]);

  const pageSize = request.pageSize ?? PAGE_SIZE;
  const shown = rows.slice(0, pageSize).map((row) => ({
    ...row,
    rank: Number(row.rank),
    proposals: Number(row.proposals),
    prize: Number(row.prize),
    deadlineBucket: Number(row.deadlineBucket),
    deadlineDays: Number(row.deadlineDays),
  }));
  const last = shown.at(-1);
  const total = Number(totals[0]?.total ?? 0);
  return {
    cards: shown.map((row): BrowseCard => ({
      ...toChallengeCard(row),
      proposals: { count: row.proposals },
      sponsored: Boolean(row.sponsored),
    })),
    total,
    nextCursor: rows.length > pageSize && last ? encodeCursor(plan.position(last)) : undefined,
    ...(ranksMatches(request) && total > RANKED_MATCHES ? { rankedMatches: RANKED_MATCHES } : {}),
  };
}
