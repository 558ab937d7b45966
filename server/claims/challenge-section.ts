import { eq } from 'drizzle-orm';
import { users, type Challenge } from '../../models/schema/index.ts';
import { isVolunteer } from '../people/index.ts';
import type { Db } from '../db/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { claimRefusal, isClaimable, showsClaims } from './permissions.ts';
import { activeClaimsOfChallenge } from './service.ts';

/** What the challenge page shows about claims (who is working on it, and the claim button). */
export async function challengeClaimsSection(
  db: Db,
  challenge: Challenge,
  viewerId: string | undefined,
) {
  const [rows, viewer, viewerIsMember] = await Promise.all([
    activeClaimsOfChallenge(db, challenge.id),
    viewerId
      ? db
          .select()
          .from(users)
          .where(eq(users.id, viewerId))
          .then((found) => found[0])
      : undefined,
    isOrganizationMember(db, viewerId, challenge.organizationId),
  ]);
  const claims = rows.map((row) => ({
    id: row.id,
    login: row.login,
    name: row.name || row.githubName || (row.login ? `@${row.login}` : ''),
    avatarUrl: row.avatarUrl,
    since: row.createdAt,
    lastActivityAt: row.lastActivityAt,
    isViewer: row.userId === viewerId,
  }));
  const viewerClaim = claims.find((claim) => claim.isViewer);
  const open = isClaimable(challenge);
  return {
    slug: challenge.slug,
    shown: showsClaims(challenge) || Boolean(viewerClaim),
    open,
    claims,
    canClaim: !viewerClaim && viewer !== undefined && !claimRefusal(viewer, challenge),
    canUnclaim: Boolean(viewerClaim),
    canRelease: viewerIsMember,
    signInToClaim: open && !viewerId,
    onlyVolunteers: open && viewer !== undefined && !isVolunteer(viewer),
  };
}

export type ChallengeClaimsSection = Awaited<ReturnType<typeof challengeClaimsSection>>;
