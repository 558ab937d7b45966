import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { canViewDraftChallenges, type OrganizationPageSection } from '../organizations/index.ts';
import { organizationChallengeCards, organizationChallengeCount } from './cards.ts';

/** Challenges a page of an organization's list shows. */
export const ORGANIZATION_CHALLENGES_PAGE_SIZE = 12;

/** The organization page lists its challenges, a page at a time; its members see the drafts too. */
export function challengesOnOrganizationPage(db: Db): OrganizationPageSection {
  return {
    name: 'challenges',
    load: async (organization, viewer) => {
      const options = { includeDrafts: canViewDraftChallenges(viewer.role) };
      const total = await organizationChallengeCount(db, organization, options);
      const window = pageWindow(
        total,
        requestedPage(viewer.query.retos),
        ORGANIZATION_CHALLENGES_PAGE_SIZE,
      );
      return {
        total,
        cards: await organizationChallengeCards(db, organization, options, window),
        pager: pagerLinks(
          `/organizaciones/${organization.slug}`,
          viewer.query,
          'retos',
          window,
          'retos',
        ),
      };
    },
  };
}
