import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { dayInMexico, pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { isOverdue } from './lifecycle.ts';
import { canBeSponsored } from './permissions.ts';
import { sponsorshipCountOfChallenge, sponsorshipsOfChallenge } from './queries.ts';

/** Pledges a page of a challenge's sponsor list shows. */
export const CHALLENGE_PLEDGES_PAGE_SIZE = 10;

/** The challenge page lists who sponsors it and, while it can be sponsored, invites offices to. */
export function sponsorshipsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'sponsorships',
    load: async (challenge, viewer) => {
      const total = await sponsorshipCountOfChallenge(db, challenge.id);
      const window = pageWindow(
        total,
        requestedPage(viewer.query.patrocinios),
        CHALLENGE_PLEDGES_PAGE_SIZE,
      );
      return {
        slug: challenge.slug,
        total,
        pledges: (await sponsorshipsOfChallenge(db, challenge.id, window)).map((row) => ({
          ...row,
          overdue: isOverdue(row.sponsorship, dayInMexico(new Date())),
        })),
        pager: pagerLinks(
          `/retos/${challenge.slug}`,
          viewer.query,
          'patrocinios',
          window,
          'patrocinadores',
        ),
        canSponsor: Boolean(viewer.user) && canBeSponsored(challenge),
      };
    },
  };
}
