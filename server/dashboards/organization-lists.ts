// The four lists of "Nuestros retos" for one organization. The dashboard shows the first few of
// each; the full list has a paged page of its own, so neither grows with the organization's data.
import { and, asc, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { challenges, claims, proposals, users } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { PageWindow } from '../lib/index.ts';
import { personView, publicPersonColumns } from '../people/index.ts';

/** The rows of each list the dashboard shows before linking to the rest. */
export const DASHBOARD_LIST_CAP = 10;
/** The rows a page of one full list shows. */
export const OUR_LIST_PAGE_SIZE = 50;

/** The lists, by the path segment of their full page. */
export const ourListNames = ['revisar', 'confirmar', 'reclamos', 'borradores'] as const;
export type OurListName = (typeof ourListNames)[number];

/** The rows of one page: the shared page window's limit and offset. */
type Window = Pick<PageWindow, 'limit' | 'offset'>;

export function isOurListName(value: unknown): value is OurListName {
  return (ourListNames as readonly unknown[]).includes(value);
}

const proposalColumns = {
  id: proposals.id,
  title: proposals.title,
  submittedAt: proposals.submittedAt,
  acceptedAt: proposals.acceptedAt,
  updatedAt: proposals.updatedAt,
  challengeSlug: challenges.slug,
  challengeTitle: challenges.title,
};

const proposalsIn = (organizationId: string, status: 'submitted' | 'in_progress') =>
  and(eq(challenges.organizationId, organizationId), eq(proposals.status, status));
const claimsOf = (organizationId: string) =>
  and(
    eq(challenges.organizationId, organizationId),
    eq(claims.status, 'active'),
    isNull(users.deletedAt),
  );
const draftsOf = (organizationId: string) =>
  and(eq(challenges.organizationId, organizationId), eq(challenges.status, 'draft'));

async function total(query: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return Number(row?.n ?? 0);
}

/** How many rows one list of an organization holds. */
export function ourListCount(db: Db, list: OurListName, organizationId: string): Promise<number> {
  const n = { n: count() };
  const proposalCount = (where: SQL | undefined) =>
    db
      .select(n)
      .from(proposals)
      .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
      .where(where);
  switch (list) {
    case 'revisar':
      return total(proposalCount(proposalsIn(organizationId, 'submitted')));
    case 'confirmar':
      return total(proposalCount(proposalsIn(organizationId, 'in_progress')));
    case 'reclamos':
      return total(
        db
          .select(n)
          .from(claims)
          .innerJoin(challenges, eq(challenges.id, claims.challengeId))
          .innerJoin(users, eq(users.id, claims.userId))
          .where(claimsOf(organizationId)),
      );
    case 'borradores':
      return total(db.select(n).from(challenges).where(draftsOf(organizationId)));
  }
}

/** The organization's proposals at one step, the longest waiting (by the given column) first. */
function proposalsAt(
  db: Db,
  organizationId: string,
  status: 'submitted' | 'in_progress',
  waitingSince: typeof proposals.submittedAt | typeof proposals.updatedAt,
  window: Window,
) {
  return db
    .select(proposalColumns)
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .where(proposalsIn(organizationId, status))
    .orderBy(asc(waitingSince), asc(proposals.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** Proposals waiting for review, the longest waiting first. */
export const proposalsToReview = (db: Db, organizationId: string, window: Window) =>
  proposalsAt(db, organizationId, 'submitted', proposals.submittedAt, window);

/** Work in progress whose delivery the organization confirms, the longest quiet first. */
export const proposalsToConfirm = (db: Db, organizationId: string, window: Window) =>
  proposalsAt(db, organizationId, 'in_progress', proposals.updatedAt, window);

/** Who works on the organization's challenges, by challenge. */
export function activeClaimsOn(db: Db, organizationId: string, window: Window) {
  return db
    .select({
      id: claims.id,
      createdAt: claims.createdAt,
      lastActivityAt: claims.lastActivityAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      volunteer: publicPersonColumns,
    })
    .from(claims)
    .innerJoin(challenges, eq(challenges.id, claims.challengeId))
    .innerJoin(users, eq(users.id, claims.userId))
    .where(claimsOf(organizationId))
    .orderBy(asc(challenges.title), asc(claims.createdAt), asc(claims.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** The organization's draft challenges, the last edited first. */
export function draftChallenges(db: Db, organizationId: string, window: Window) {
  return db
    .select({ slug: challenges.slug, title: challenges.title, updatedAt: challenges.updatedAt })
    .from(challenges)
    .where(draftsOf(organizationId))
    .orderBy(desc(challenges.updatedAt), asc(challenges.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** One window of one list, the rows in the shape its items partial expects. */
export async function ourListRows(
  db: Db,
  list: OurListName,
  organizationId: string,
  window: Window,
): Promise<Record<string, unknown>[]> {
  switch (list) {
    case 'revisar':
      return proposalsToReview(db, organizationId, window);
    case 'confirmar':
      return proposalsToConfirm(db, organizationId, window);
    case 'reclamos':
      return (await activeClaimsOn(db, organizationId, window)).map((claim) => ({
        ...claim,
        volunteer: personView(claim.volunteer),
      }));
    case 'borradores':
      return draftChallenges(db, organizationId, window);
  }
}
