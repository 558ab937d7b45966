import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { isVolunteer, personView } from '../people/index.ts';
import { claimRefusal, isClaimable, showsClaims } from './permissions.ts';
import { activeClaimCount, activeClaimsOfChallenge, isWorkingOn } from './service.ts';

/** People a page of "who works on this challenge" shows. */
export const CLAIMS_PAGE_SIZE = 20;

/** What the challenge page shows about claims (who is working on it, and the claim button). */
export function claimsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'claims',
    load: async (challenge, { user: viewer, isMember, query }) => {
      const viewerId = viewer?.id;
      // The viewer's own claim may sit on another page of the list.
      const [total, viewerWorks] = await Promise.all([
        activeClaimCount(db, challenge.id),
        viewerId ? isWorkingOn(db, challenge.id, viewerId) : false,
      ]);
      const window = pageWindow(total, requestedPage(query.trabajando), CLAIMS_PAGE_SIZE);
      const rows = await activeClaimsOfChallenge(db, challenge.id, window);
      const claims = rows.map((row) => ({
        id: row.id,
        person: personView(row.person),
        avatarUrl: row.avatarUrl,
        since: row.createdAt,
        lastActivityAt: row.lastActivityAt,
        isViewer: row.userId === viewerId,
      }));
      const open = isClaimable(challenge);
      return {
        slug: challenge.slug,
        shown: showsClaims(challenge) || viewerWorks,
        open,
        claims,
        total,
        pager: pagerLinks(`/retos/${challenge.slug}`, query, 'trabajando', window, 'trabajando'),
        canClaim: !viewerWorks && viewer !== undefined && !claimRefusal(viewer, challenge),
        canUnclaim: viewerWorks,
        alreadyClaimed: viewerWorks && query.reclamo === 'ya',
        canRelease: isMember,
        signInToClaim: open && !viewerId,
        onlyVolunteers: open && viewer !== undefined && !isVolunteer(viewer),
      };
    },
  };
}
