import { and, ne, or, isNotNull, type SQL } from 'drizzle-orm';
import { challenges, proposals, type Challenge, type Proposal } from '../../models/schema/index.ts';

// Whether a proposal is public has one answer, here, for the proposal page, the challenge page,
// public profiles, dashboards and every list: the predicate and the SQL say the same thing.

type Shown = Pick<Proposal, 'status' | 'submittedAt'>;

/** A draft, or a draft withdrawn before it was ever submitted: the team's alone. */
export function isPrivateDraft(proposal: Shown): boolean {
  return (
    proposal.status === 'draft' ||
    (proposal.status === 'withdrawn' && proposal.submittedAt === null)
  );
}

/** Public: sent at some point, on a challenge that is itself published. */
export function isPublicProposal(proposal: Shown, challenge: Pick<Challenge, 'status'>): boolean {
  return !isPrivateDraft(proposal) && challenge.status !== 'draft';
}

/** isPublicProposal as a condition, for queries that join proposals with their challenges. */
export const publicProposalCondition: SQL = and(
  ne(proposals.status, 'draft'),
  or(ne(proposals.status, 'withdrawn'), isNotNull(proposals.submittedAt)),
  ne(challenges.status, 'draft'),
)!;

/**
 * Who sees a proposal: everyone once it is public; its team and the people invited to join it
 * always (invitees see a draft to answer); the posting organization, on a draft challenge.
 */
export function canViewProposal(
  target: { proposal: Shown; challenge: Pick<Challenge, 'status'> },
  viewer: { isTeamMember: boolean; isInvited: boolean; isChallengeMember: boolean },
): boolean {
  if (viewer.isTeamMember || viewer.isInvited) return true;
  if (isPrivateDraft(target.proposal)) return false;
  return target.challenge.status !== 'draft' || viewer.isChallengeMember;
}
