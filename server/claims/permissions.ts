import type { Challenge, ClaimStatus, User } from '../../models/schema/index.ts';
import { isVolunteer } from '../people/index.ts';

/** Why someone may not claim a challenge, or undefined when they may. */
export function claimRefusal(
  user: User | undefined,
  challenge: Pick<Challenge, 'status' | 'archived'>,
): 'notVolunteer' | 'notOpen' | undefined {
  if (!isVolunteer(user)) return 'notVolunteer';
  if (!isClaimable(challenge)) return 'notOpen';
  return undefined;
}

/** Volunteers say "I am working on this" only while a challenge is open for proposals. */
export function isClaimable(challenge: Pick<Challenge, 'status' | 'archived'>): boolean {
  return challenge.status === 'open' && !challenge.archived;
}

/** Claims are shown while the work can still go on; afterwards they are history. */
export function showsClaims(challenge: Pick<Challenge, 'status'>): boolean {
  return challenge.status === 'open' || challenge.status === 'in_progress';
}

/** The volunteer lets go of their own active claim. */
export function canReleaseOwnClaim(
  claim: { userId: string; status: ClaimStatus },
  actorId: string | undefined,
): boolean {
  return claim.status === 'active' && claim.userId === actorId;
}

/** Any member of the challenge's organization releases an active claim, giving a reason. */
export function canReleaseClaimAsOrganization(
  claim: { status: ClaimStatus },
  actorIsChallengeMember: boolean,
): boolean {
  return claim.status === 'active' && actorIsChallengeMember;
}
