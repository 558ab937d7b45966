import { and, eq } from 'drizzle-orm';
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
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import type { LifecycleActor } from './lifecycle.ts';
import { canViewProposal } from './visibility.ts';

type Reader = Pick<Db, 'select'>;

/** A proposal with its challenge and the organization that posted the challenge. */
export interface ProposalTarget {
  proposal: Proposal;
  challenge: Challenge;
  organization: Organization;
}

/** Who a person is to a proposal: the one model every page, rule and service uses. */
export interface ProposalViewer {
  userId: string | undefined;
  isLead: boolean;
  /** The lead, or a volunteer who accepted the lead's invitation. */
  isTeamMember: boolean;
  /** Invited to the team and not yet answered. */
  isInvited: boolean;
  /** A member of the organization that posted the challenge. */
  isChallengeMember: boolean;
  /** Every organization the viewer belongs to. */
  organizations: { id: string; name: string; slug: string }[];
}

export const nobody: ProposalViewer = {
  userId: undefined,
  isLead: false,
  isTeamMember: false,
  isInvited: false,
  isChallengeMember: false,
  organizations: [],
};

/** The proposal, its challenge and organization; undefined for an unknown or malformed id. */
export async function findProposalTarget(
  db: Reader,
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

/** How the person stands towards the proposal, read from their team row and organizations. */
export async function proposalViewer(
  db: Reader,
  target: {
    proposal: Pick<Proposal, 'id' | 'leadId'>;
    challenge: Pick<Challenge, 'organizationId'>;
  },
  userId: string | undefined,
): Promise<ProposalViewer> {
  if (!userId) return nobody;
  const [[membership], orgs] = await Promise.all([
    db
      .select({ role: proposalMembers.role, acceptedAt: proposalMembers.acceptedAt })
      .from(proposalMembers)
      .where(
        and(eq(proposalMembers.proposalId, target.proposal.id), eq(proposalMembers.userId, userId)),
      ),
    memberOrganizations(db, userId),
  ]);
  const accepted = Boolean(membership?.acceptedAt);
  const isLead = target.proposal.leadId === userId || (membership?.role === 'lead' && accepted);
  return {
    userId,
    isLead,
    isTeamMember: isLead || accepted,
    isInvited: !isLead && Boolean(membership) && !accepted,
    isChallengeMember: orgs.some((org) => org.id === target.challenge.organizationId),
    organizations: orgs,
  };
}

/**
 * The viewer as the proposal lifecycle sees them. The team never plays the organization's part
 * on its own proposal (accepting, declining, confirming delivery), even when its people also
 * belong to the organization that posted the challenge.
 */
export function lifecycleActor(
  viewer: ProposalViewer,
  adoptingOrganizationId?: string,
): LifecycleActor {
  return {
    isLead: viewer.isLead,
    isTeamMember: viewer.isTeamMember,
    isChallengeMember: viewer.isChallengeMember && !viewer.isTeamMember,
    onTeamAndOrganization: viewer.isChallengeMember && viewer.isTeamMember,
    isAdopter:
      adoptingOrganizationId !== undefined &&
      viewer.organizations.some((org) => org.id === adoptingOrganizationId),
  };
}

export interface LoadedProposal extends ProposalTarget {
  viewer: ProposalViewer;
}

/** The proposal named by an id as this person may see it; one they may not see is not found. */
export async function loadVisibleProposal(
  db: Reader,
  id: string,
  userId: string | undefined,
): Promise<LoadedProposal> {
  const target = await findProposalTarget(db, id);
  if (!target) throw new NotFoundError();
  const viewer = await proposalViewer(db, target, userId);
  if (!canViewProposal(target, viewer)) throw new NotFoundError();
  return { ...target, viewer };
}
