import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { isVolunteer, personView } from '../people/index.ts';
import { claimRefusal, isClaimable, showsClaims } from './permissions.ts';
import { activeClaimsOfChallenge } from './service.ts';

/** What the challenge page shows about claims (who is working on it, and the claim button). */
export function claimsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'claims',
    load: async (challenge, { user: viewer, isMember }) => {
      const viewerId = viewer?.id;
      const rows = await activeClaimsOfChallenge(db, challenge.id);
      const claims = rows.map((row) => ({
        id: row.id,
        person: personView(row.person),
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
        canRelease: isMember,
        signInToClaim: open && !viewerId,
        onlyVolunteers: open && viewer !== undefined && !isVolunteer(viewer),
      };
    },
  };
}
