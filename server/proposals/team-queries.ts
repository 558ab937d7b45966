import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  challenges,
  organizations,
  proposalMembers,
  proposals,
  type Challenge,
  type Organization,
  type Proposal,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import type { TransitionActor } from './status-change.ts';

export interface ProposalTarget {
  proposal: Proposal;
  challenge: Challenge;
  /** The organization that posted the challenge. */
  organization: Organization;
}

/** A proposal with its challenge and the challenge's organization; undefined for an unknown id. */
export async function findProposalTarget(
  db: Pick<Db, 'select'>,
  id: string,
): Promise<ProposalTarget | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ proposal: proposals, challenge: challenges, organization: organizations })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(eq(proposals.id, id));
  return row;
}

/** The lead, or a volunteer who accepted the lead's invitation. */
export async function teamRole(
  db: Pick<Db, 'select'>,
  proposal: Pick<Proposal, 'id' | 'leadId'>,
  userId: string | undefined,
): Promise<{ isLead: boolean; isTeamMember: boolean }> {
  if (!userId) return { isLead: false, isTeamMember: false };
  const [row] = await db
    .select({ role: proposalMembers.role })
    .from(proposalMembers)
    .where(
      and(
        eq(proposalMembers.proposalId, proposal.id),
        eq(proposalMembers.userId, userId),
        isNotNull(proposalMembers.acceptedAt),
      ),
    );
  const isLead = proposal.leadId === userId || row?.role === 'lead';
  return { isLead, isTeamMember: isLead || Boolean(row) };
}

/** The ids of everyone on the team: the lead and the members who accepted. */
export async function teamMemberIds(
  db: Pick<Db, 'select'>,
  proposal: Pick<Proposal, 'id' | 'leadId'>,
): Promise<string[]> {
  const rows = await db
    .select({ userId: proposalMembers.userId })
    .from(proposalMembers)
    .where(and(eq(proposalMembers.proposalId, proposal.id), isNotNull(proposalMembers.acceptedAt)));
  return [
    ...new Set([...(proposal.leadId ? [proposal.leadId] : []), ...rows.map((r) => r.userId)]),
  ];
}

/** How the viewer stands towards a proposal: team, posting organization, other organizations. */
export interface ProposalViewer {
  userId: string | undefined;
  isLead: boolean;
  isTeamMember: boolean;
  /** A member of the organization that posted the challenge. */
  isChallengeMember: boolean;
  /** Every organization the viewer belongs to. */
  organizations: { id: string; name: string; slug: string }[];
}

export async function proposalViewer(
  db: Db,
  target: Pick<ProposalTarget, 'proposal' | 'challenge'>,
  userId: string | undefined,
): Promise<ProposalViewer> {
  const [team, orgs] = await Promise.all([
    teamRole(db, target.proposal, userId),
    memberOrganizations(db, userId),
  ]);
  return {
    userId,
    ...team,
    isChallengeMember: orgs.some((org) => org.id === target.challenge.organizationId),
    organizations: orgs,
  };
}

/**
 * The viewer as the proposal lifecycle sees them. The team never plays the organization's part
 * on its own proposal (accepting, declining, confirming delivery), even when its people also
 * belong to the organization that posted the challenge.
 */
export function lifecycleActor(viewer: ProposalViewer): TransitionActor {
  return {
    isLead: viewer.isLead,
    isTeamMember: viewer.isTeamMember,
    isChallengeMember: viewer.isChallengeMember && !viewer.isTeamMember,
    onTeamAndOrganization: viewer.isChallengeMember && viewer.isTeamMember,
  };
}

/**
 * Drafts (and drafts withdrawn before ever being sent) are the team's alone, as on the proposal
 * page; a proposal on a draft challenge is seen only by the organization and the team.
 */
export function canSeeProposal(
  target: Pick<ProposalTarget, 'proposal' | 'challenge'>,
  viewer: ProposalViewer,
): boolean {
  if (viewer.isTeamMember) return true;
  const { status, submittedAt } = target.proposal;
  if (status === 'draft' || (status === 'withdrawn' && submittedAt === null)) return false;
  return target.challenge.status !== 'draft' || viewer.isChallengeMember;
}

/** Of these proposals, the ones whose team the person is on (as lead or accepted member). */
export async function proposalsOnTeam(
  db: Pick<Db, 'select'>,
  userId: string,
  list: readonly Pick<Proposal, 'id' | 'leadId'>[],
): Promise<Set<string>> {
  const mine = new Set(list.filter((proposal) => proposal.leadId === userId).map((p) => p.id));
  if (list.length === 0) return mine;
  const rows = await db
    .select({ proposalId: proposalMembers.proposalId })
    .from(proposalMembers)
    .where(
      and(
        eq(proposalMembers.userId, userId),
        isNotNull(proposalMembers.acceptedAt),
        inArray(
          proposalMembers.proposalId,
          list.map((proposal) => proposal.id),
        ),
      ),
    );
  for (const row of rows) mine.add(row.proposalId);
  return mine;
}
