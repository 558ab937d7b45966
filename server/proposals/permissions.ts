import type { Challenge, Proposal, ProposalStatus, User } from '../../models/schema/index.ts';
import { isVolunteer } from '../people/index.ts';
import { canTransitionProposal } from './lifecycle.ts';
import { lifecycleActor, type ProposalViewer } from './viewer.ts';

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

export function canEditProposal(proposal: Pick<Proposal, 'status'>, viewer: ProposalViewer) {
  return viewer.isTeamMember && isEditableStatus(proposal.status);
}

/** The team asks for the open-source check whenever it likes, once there is a repository. */
export function canCheckRepository(
  proposal: Pick<Proposal, 'repositoryUrl'>,
  viewer: ProposalViewer,
): boolean {
  return viewer.isTeamMember && Boolean(proposal.repositoryUrl);
}

/** The lead submits a draft, while the challenge still takes proposals. */
export function canSubmitProposal(
  proposal: Pick<Proposal, 'status'>,
  viewer: ProposalViewer,
  challenge: Pick<Challenge, 'status' | 'archived'>,
): boolean {
  return (
    canTransitionProposal('submit', proposal.status, lifecycleActor(viewer)) &&
    challengeTakesProposals(challenge)
  );
}

/** Why the viewer may not submit this proposal now, as a translation key; undefined if they may. */
export function submissionRefusal(
  proposal: Pick<Proposal, 'status'>,
  viewer: ProposalViewer,
  challenge: Pick<Challenge, 'status' | 'archived'>,
): string | undefined {
  if (canSubmitProposal(proposal, viewer, challenge)) return undefined;
  if (proposal.status !== 'draft') return 'proposals.errors.transitionRefused';
  if (!viewer.isLead) return 'proposals.errors.onlyLeadSubmits';
  return 'proposals.errors.challengeNotOpen';
}

/** The team withdraws any time before delivery. */
export function canWithdrawProposal(proposal: Pick<Proposal, 'status'>, viewer: ProposalViewer) {
  return canTransitionProposal('withdraw', proposal.status, lifecycleActor(viewer));
}
