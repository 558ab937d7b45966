import type { Challenge, Proposal, ProposalStatus, User } from '../../models/schema/index.ts';
import { isVolunteer } from '../people/index.ts';
import { canTransitionProposal, type ProposalActor } from './lifecycle.ts';

/** While a proposal is alive: its team edits it and changes its team, and may withdraw it. */
export const editableStatuses = [
  'draft',
  'submitted',
  'accepted',
  'in_progress',
] as const satisfies readonly ProposalStatus[];

export const isEditableStatus = (status: ProposalStatus) =>
  (editableStatuses as readonly ProposalStatus[]).includes(status);

/** Proposals go to published challenges that are still being worked on. */
export function challengeTakesProposals(
  challenge: Pick<Challenge, 'status' | 'archived'>,
): boolean {
  return !challenge.archived && (challenge.status === 'open' || challenge.status === 'in_progress');
}

/** Signed-in volunteers (people who came through GitHub) propose on open or in-progress challenges. */
export function canProposeFor(
  user: User | undefined,
  challenge: Pick<Challenge, 'status' | 'archived'>,
): boolean {
  return isVolunteer(user) && challengeTakesProposals(challenge);
}

/** How the viewer stands with a proposal: its lifecycle's actor, plus a pending invitation. */
export interface ProposalRelation extends ProposalActor {
  /** Invited to the team and not yet answered. */
  isInvited: boolean;
}

export const strangerRelation: ProposalRelation = {
  isLead: false,
  isTeamMember: false,
  isChallengeMember: false,
  isInvited: false,
};

/** The viewer's relation from the proposal, their proposal_members row and their organizations. */
export function proposalRelation(
  proposal: Pick<Proposal, 'leadId'>,
  viewerId: string | undefined,
  membership: { role: 'lead' | 'member'; acceptedAt: Date | null } | undefined,
  isChallengeMember: boolean,
): ProposalRelation {
  if (!viewerId) return strangerRelation;
  const isLead = proposal.leadId === viewerId;
  const accepted = Boolean(membership?.acceptedAt);
  return {
    isLead,
    isTeamMember: isLead || accepted,
    isChallengeMember,
    isInvited: !isLead && Boolean(membership) && !accepted,
  };
}

/** Public once submitted; a draft withdrawn without ever being submitted stays private. */
export function isPublicProposal(proposal: Pick<Proposal, 'status' | 'submittedAt'>): boolean {
  if (proposal.status === 'draft') return false;
  return proposal.status !== 'withdrawn' || proposal.submittedAt !== null;
}

/**
 * Drafts are the team's own, and the people the lead invited to join it see them to answer;
 * everything else is public.
 */
export function canViewProposal(
  proposal: Pick<Proposal, 'status' | 'submittedAt'>,
  relation: ProposalRelation,
): boolean {
  return isPublicProposal(proposal) || relation.isTeamMember || relation.isInvited;
}

export function canEditProposal(
  proposal: Pick<Proposal, 'status'>,
  relation: ProposalRelation,
): boolean {
  return relation.isTeamMember && isEditableStatus(proposal.status);
}

/** Only the lead invites and removes members, while the proposal is alive. */
export function canManageTeam(
  proposal: Pick<Proposal, 'status'>,
  relation: ProposalRelation,
): boolean {
  return relation.isLead && isEditableStatus(proposal.status);
}

export function canAnswerInvitation(
  proposal: Pick<Proposal, 'status'>,
  relation: ProposalRelation,
): boolean {
  return relation.isInvited && isEditableStatus(proposal.status);
}

/** The lead removes anyone but themselves; a member may also leave. */
export function canRemoveFromTeam(
  proposal: Pick<Proposal, 'status' | 'leadId'>,
  relation: ProposalRelation,
  actorId: string | undefined,
  targetUserId: string,
): boolean {
  if (!actorId || !isEditableStatus(proposal.status) || targetUserId === proposal.leadId) {
    return false;
  }
  return relation.isLead || (targetUserId === actorId && relation.isTeamMember);
}

/** The team asks for the open-source check whenever it likes, once there is a repository. */
export function canCheckRepository(
  proposal: Pick<Proposal, 'repositoryUrl'>,
  relation: ProposalRelation,
): boolean {
  return relation.isTeamMember && Boolean(proposal.repositoryUrl);
}

/** The lead submits a draft, while the challenge still takes proposals. */
export function canSubmitProposal(
  proposal: Pick<Proposal, 'status'>,
  relation: ProposalRelation,
  challenge: Pick<Challenge, 'status' | 'archived'>,
): boolean {
  return (
    canTransitionProposal('submit', proposal.status, relation) && challengeTakesProposals(challenge)
  );
}

/** The team withdraws any time before delivery. */
export function canWithdrawProposal(
  proposal: Pick<Proposal, 'status'>,
  relation: ProposalRelation,
): boolean {
  return canTransitionProposal('withdraw', proposal.status, relation);
}
