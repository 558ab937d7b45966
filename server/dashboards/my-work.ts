// "Mi trabajo": a volunteer's claims, proposals by status, and what waits for them. Each list is
// paged in place or capped with a link to the paged list holding the rest, so a busy volunteer
// still gets a page of bounded size.
import { and, asc, count, eq, lte, type SQL } from 'drizzle-orm';
import { challenges, claims } from '../../models/schema/index.ts';
import { claimDeadline } from '../claims/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage, type PageWindow } from '../lib/index.ts';
import {
  pendingTeamInvitationCount,
  pendingTeamInvitations,
  proposalStatusOrder,
  teamProposalCounts,
  teamProposalsOf,
} from '../teams/index.ts';

/** A claim this close to lapsing is listed among the things that need the volunteer. */
export const CLAIM_WARNING_DAYS = 3;
export const MY_CLAIMS_PAGE_SIZE = 20;
export const MY_PROPOSALS_PAGE_SIZE = 20;
export const MY_INVITATIONS_PAGE_SIZE = 10;
/** Each kind of pending action shows this many, then links to the list that holds them all. */
export const MY_ACTIONS_CAP = 5;

const DAY_MS = 24 * 60 * 60 * 1000;
const PATH = '/mi-trabajo';

type Window = Pick<PageWindow, 'limit' | 'offset'>;

const activeClaimsOf = (userId: string, extra?: SQL) =>
  and(eq(claims.userId, userId), eq(claims.status, 'active'), extra);

/** The person's active claims, the soonest to lapse first. */
async function myActiveClaims(db: Db, userId: string, window: Window, extra?: SQL) {
  return db
    .select({
      id: claims.id,
      createdAt: claims.createdAt,
      lastActivityAt: claims.lastActivityAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      challengeStatus: challenges.status,
    })
    .from(claims)
    .innerJoin(challenges, eq(challenges.id, claims.challengeId))
    .where(activeClaimsOf(userId, extra))
    .orderBy(asc(claims.lastActivityAt), asc(claims.id))
    .limit(window.limit)
    .offset(window.offset);
}

async function myClaimCount(db: Db, userId: string, extra?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(claims).where(activeClaimsOf(userId, extra));
  return Number(row?.n ?? 0);
}

const sum = (counts: Map<unknown, number>, keys: readonly unknown[]) =>
  keys.reduce<number>((total, key) => total + (counts.get(key) ?? 0), 0);

/** "Mi trabajo" for one person, on the pages the query string asks for. */
export async function myWork(
  db: Db,
  config: Pick<Config, 'claimExpiryDays'>,
  userId: string,
  query: Record<string, unknown> = {},
  now: Date = new Date(),
) {
  // daysLeft <= CLAIM_WARNING_DAYS exactly when the last activity is at or before this instant.
  const expiring = lte(
    claims.lastActivityAt,
    new Date(now.getTime() - (config.claimExpiryDays - CLAIM_WARNING_DAYS) * DAY_MS),
  );
  const first = { limit: MY_ACTIONS_CAP, offset: 0 };
  const [claimTotal, expiringTotal, statusCounts, leadCounts, invitationTotal] = await Promise.all([
    myClaimCount(db, userId),
    myClaimCount(db, userId, expiring),
    teamProposalCounts(db, userId),
    teamProposalCounts(db, userId, { leadOnly: true }),
    pendingTeamInvitationCount(db, userId),
  ]);
  const proposalTotal = sum(statusCounts, proposalStatusOrder);
  const claimWindow = pageWindow(claimTotal, requestedPage(query.reclamos), MY_CLAIMS_PAGE_SIZE);
  const proposalWindow = pageWindow(
    proposalTotal,
    requestedPage(query.propuestas),
    MY_PROPOSALS_PAGE_SIZE,
  );
  const invitationWindow = pageWindow(
    invitationTotal,
    requestedPage(query.invitaciones),
    MY_INVITATIONS_PAGE_SIZE,
  );
  const [claimRows, proposalRows, invitations, drafts, accepted, expiringRows] = await Promise.all([
    myActiveClaims(db, userId, claimWindow),
    teamProposalsOf(db, userId, { byStatus: true, window: proposalWindow }),
    pendingTeamInvitations(db, userId, invitationWindow),
    teamProposalsOf(db, userId, { statuses: ['draft'], leadOnly: true, window: first }),
    teamProposalsOf(db, userId, { statuses: ['accepted'], window: first }),
    myActiveClaims(db, userId, first, expiring),
  ]);
  const withDeadline = <T extends { lastActivityAt: Date }>(claim: T) => ({
    ...claim,
    ...claimDeadline(claim.lastActivityAt, config.claimExpiryDays, now),
  });
  // The groups on this page; each heading counts the status over every page.
  const byStatus = proposalStatusOrder
    .map((status) => ({
      status,
      total: statusCounts.get(status) ?? 0,
      proposals: proposalRows.filter((proposal) => proposal.status === status),
    }))
    .filter((group) => group.proposals.length > 0);
  const draftTotal = leadCounts.get('draft') ?? 0;
  const acceptedTotal = statusCounts.get('accepted') ?? 0;
  const more = (shown: number, total: number, anchor: string) =>
    total > shown ? { count: total - shown, url: `${PATH}#${anchor}` } : undefined;
  return {
    claims: claimRows.map(withDeadline),
    claimTotal,
    claimPager: pagerLinks(PATH, query, 'reclamos', claimWindow, 'mis-reclamos'),
    proposalsByStatus: byStatus,
    proposalCount: proposalTotal,
    proposalPager: pagerLinks(PATH, query, 'propuestas', proposalWindow, 'mis-propuestas'),
    actions: {
      invitations,
      invitationPager: pagerLinks(PATH, query, 'invitaciones', invitationWindow, 'pendientes'),
      draftsToSubmit: drafts,
      moreDrafts: more(drafts.length, draftTotal, 'mis-propuestas'),
      acceptedToStart: accepted,
      moreAccepted: more(accepted.length, acceptedTotal, 'mis-propuestas'),
      expiringClaims: expiringRows.map(withDeadline),
      moreExpiring: more(expiringRows.length, expiringTotal, 'mis-reclamos'),
    },
    actionCount: invitationTotal + draftTotal + acceptedTotal + expiringTotal,
  };
}
