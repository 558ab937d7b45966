import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { challenges, claims, proposals, users } from '../../models/schema/index.ts';
import { claimDeadline } from '../claims/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import { pendingTeamInvitations, proposalStatusOrder, teamProposalsOf } from '../teams/index.ts';

/** A claim this close to lapsing is listed among the things that need the volunteer. */
export const CLAIM_WARNING_DAYS = 3;

async function myActiveClaims(db: Db, userId: string) {
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
    .where(and(eq(claims.userId, userId), eq(claims.status, 'active')))
    .orderBy(asc(claims.lastActivityAt), asc(claims.id));
}

/** "Mi trabajo": a volunteer's claims, proposals by status, and what is waiting for them. */
export async function myWork(
  db: Db,
  config: Pick<Config, 'claimExpiryDays'>,
  userId: string,
  now: Date = new Date(),
) {
  const [claimRows, proposalRows, invitations] = await Promise.all([
    myActiveClaims(db, userId),
    teamProposalsOf(db, userId),
    pendingTeamInvitations(db, userId),
  ]);
  const activeClaims = claimRows.map((claim) => ({
    ...claim,
    ...claimDeadline(claim.lastActivityAt, config.claimExpiryDays, now),
  }));
  const byStatus = proposalStatusOrder
    .map((status) => ({
      status,
      proposals: proposalRows.filter((proposal) => proposal.status === status),
    }))
    .filter((group) => group.proposals.length > 0);
  const draftsToSubmit = proposalRows.filter((p) => p.status === 'draft' && p.isLead);
  const acceptedToStart = proposalRows.filter((p) => p.status === 'accepted');
  const expiringClaims = activeClaims.filter((claim) => claim.daysLeft <= CLAIM_WARNING_DAYS);
  return {
    claims: activeClaims,
    proposalsByStatus: byStatus,
    proposalCount: proposalRows.length,
    actions: { invitations, draftsToSubmit, acceptedToStart, expiringClaims },
    actionCount:
      invitations.length + draftsToSubmit.length + acceptedToStart.length + expiringClaims.length,
  };
}

/** "Nuestros retos": per organization of the person, what is waiting for the organization. */
export async function ourChallenges(db: Db, userId: string) {
  const organizations = await memberOrganizations(db, userId);
  if (organizations.length === 0) return [];
  const ids = organizations.map((organization) => organization.id);
  const proposalColumns = {
    id: proposals.id,
    title: proposals.title,
    submittedAt: proposals.submittedAt,
    acceptedAt: proposals.acceptedAt,
    updatedAt: proposals.updatedAt,
    organizationId: challenges.organizationId,
    challengeSlug: challenges.slug,
    challengeTitle: challenges.title,
  };
  const [toReview, toConfirm, activeClaims, drafts] = await Promise.all([
    db
      .select(proposalColumns)
      .from(proposals)
      .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
      .where(and(inArray(challenges.organizationId, ids), eq(proposals.status, 'submitted')))
      .orderBy(asc(proposals.submittedAt), asc(proposals.id)),
    db
      .select(proposalColumns)
      .from(proposals)
      .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
      .where(and(inArray(challenges.organizationId, ids), eq(proposals.status, 'in_progress')))
      .orderBy(asc(proposals.updatedAt), asc(proposals.id)),
    db
      .select({
        id: claims.id,
        createdAt: claims.createdAt,
        lastActivityAt: claims.lastActivityAt,
        organizationId: challenges.organizationId,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
        volunteer: {
          id: users.id,
          name: users.name,
          githubName: users.githubName,
          githubLogin: users.githubLogin,
          deletedAt: users.deletedAt,
        },
      })
      .from(claims)
      .innerJoin(challenges, eq(challenges.id, claims.challengeId))
      .innerJoin(users, eq(users.id, claims.userId))
      .where(
        and(
          inArray(challenges.organizationId, ids),
          eq(claims.status, 'active'),
          isNull(users.deletedAt),
        ),
      )
      .orderBy(asc(challenges.title), asc(claims.createdAt)),
    db
      .select({
        slug: challenges.slug,
        title: challenges.title,
        updatedAt: challenges.updatedAt,
        organizationId: challenges.organizationId,
      })
      .from(challenges)
      .where(and(inArray(challenges.organizationId, ids), eq(challenges.status, 'draft')))
      .orderBy(desc(challenges.updatedAt), asc(challenges.id)),
  ]);
  const of = <T extends { organizationId: string }>(rows: T[], id: string) =>
    rows.filter((row) => row.organizationId === id);
  return organizations.map((organization) => ({
    ...organization,
    toReview: of(toReview, organization.id),
    toConfirm: of(toConfirm, organization.id),
    claims: of(activeClaims, organization.id),
    drafts: of(drafts, organization.id),
  }));
}
