import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { canBeSponsored } from './permissions.ts';
import { sponsorshipsOfChallenge } from './queries.ts';

/** The challenge page lists who sponsors it and, while it can be sponsored, invites offices to. */
export function sponsorshipsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'sponsorships',
    load: async (challenge, viewer) => ({
      slug: challenge.slug,
      pledges: await sponsorshipsOfChallenge(db, challenge.id),
      canSponsor: Boolean(viewer.user) && canBeSponsored(challenge),
    }),
  };
}
