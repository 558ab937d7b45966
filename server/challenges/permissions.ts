import type { Challenge } from '../../models/schema/index.ts';

/** Drafts are seen only by members of the organization that owns them; the rest is public. */
export function canViewChallenge(
  challenge: Pick<Challenge, 'status'>,
  viewerIsMember: boolean,
): boolean {
  return challenge.status !== 'draft' || viewerIsMember;
}

/** Any member of the owning organization writes and edits its challenges. */
export function canEditChallenge(viewerIsMember: boolean): boolean {
  return viewerIsMember;
}

/** Posting for an organization needs its membership. */
export function canPostChallengeFor(isMemberOfOrganization: boolean): boolean {
  return isMemberOfOrganization;
}

/** A published challenge can be replicated into any organization the person belongs to. */
export function canReplicateChallenge(
  challenge: Pick<Challenge, 'status'>,
  isMemberOfTarget: boolean,
): boolean {
  return challenge.status !== 'draft' && isMemberOfTarget;
}

/** Signed-in people follow published challenges. */
export function canWatchChallenge(
  challenge: Pick<Challenge, 'status'>,
  signedIn: boolean,
): boolean {
  return signedIn && challenge.status !== 'draft';
}
