import type { Db } from '../db/index.ts';
import { canViewDraftChallenges, type OrganizationPageSection } from '../organizations/index.ts';
import { organizationChallengeCards } from './cards.ts';

/** The organization page lists its challenges; its members see the drafts too. */
export function challengesOnOrganizationPage(db: Db): OrganizationPageSection {
  return {
    name: 'challenges',
    load: (organization, viewer) =>
      organizationChallengeCards(db, organization, {
        includeDrafts: canViewDraftChallenges(viewer.role),
      }),
  };
}
