import type { Challenge } from '../../models/schema/index.ts';

/** Drafts are seen only by members of the organization that owns them; the rest is public. */
export function canViewChallenge(
  challenge: Pick<Challenge, 'status'>,
  viewerIsMember: boolean,
): boolean {
  return challenge.status !== 'draft' || viewerIsMember;
}
