import type { ProposalStatus } from '../../models/schema/index.ts';
import type { ProposalViewer } from '../proposals/index.ts';

/** Proposals that take part in the review: everything sent, except what the team took back. */
export const reviewedStatuses = [
  'submitted',
  'accepted',
  'declined',
  'in_progress',
  'delivered',
  'adopted',
] as const satisfies readonly ProposalStatus[];

export const isReviewed = (status: ProposalStatus) =>
  (reviewedStatuses as readonly ProposalStatus[]).includes(status);

/**
 * Why the viewer may not score this proposal, as a translation key; undefined when they may.
 * Any member of the posting organization reviews, except on a proposal whose team they are on.
 */
export function scoringRefusal(
  viewer: Pick<ProposalViewer, 'isChallengeMember' | 'isTeamMember'>,
  status: ProposalStatus,
  criteriaCount: number,
): string | undefined {
  if (!viewer.isChallengeMember) return 'review.refusals.notReviewer';
  if (viewer.isTeamMember) return 'review.refusals.ownProposal';
  if (!isReviewed(status)) return 'review.refusals.notScorable';
  if (criteriaCount === 0) return 'review.refusals.noCriteria';
  return undefined;
}
