import { Router } from 'express';
import { accountRoutes } from './accounts/index.ts';
import { adminRoutes } from './admin/index.ts';
import {
  challengeRoutes,
  challengesOnOrganizationPage,
  whenChallengeEnds,
} from './challenges/index.ts';
import { claimRoutes, claimsOnChallengePage, endClaimsOfChallenge } from './claims/index.ts';
import { dashboardRoutes } from './dashboards/index.ts';
import type { FeatureDeps } from './http/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { organizationRoutes } from './organizations/index.ts';
import { pagesRoutes } from './pages/index.ts';
import {
  proposalPage,
  proposalRoutes,
  proposalsOnChallengePage,
  submissionRoutes,
} from './proposals/index.ts';
import { questionRoutes, questionsOnChallengePage } from './questions/index.ts';
import { reviewOnProposalPage, reviewRoutes } from './reviews/index.ts';
import {
  pledgesOnOrganizationPage,
  sponsorshipRoutes,
  sponsorshipsOnChallengePage,
} from './sponsorships/index.ts';
import { impactOnOrganizationPage, statisticsRoutes } from './statistics/index.ts';
import {
  endorsementsOnChallengePage,
  trackingOnProposalPage,
  trackingRoutes,
} from './tracking/index.ts';
import { teamOnProposalPage, teamRoutes } from './teams/index.ts';
import { volunteerRoutes } from './volunteers/index.ts';

/** What ends with a challenge: claims on it. Shared with the scheduled jobs, which close some. */
export function wireChallengeEndings(): void {
  whenChallengeEnds(endClaimsOfChallenge);
}

/**
 * Every feature's routes, and the sections features add to each other's pages: the one place
 * that knows them all, so no feature has to import the features that build on it.
 */
export function featureRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  wireChallengeEndings();
  const router = Router();
  const proposal = proposalPage(db, [
    teamOnProposalPage(db),
    reviewOnProposalPage(db),
    trackingOnProposalPage(db),
  ]);

  router.use(pagesRoutes(db, deps.config));
  router.use(accountRoutes(db, deps.config));
  router.use(
    challengeRoutes(deps, [
      proposalsOnChallengePage(db),
      endorsementsOnChallengePage(db),
      questionsOnChallengePage(db),
      claimsOnChallengePage(db),
      sponsorshipsOnChallengePage(db),
    ]),
  );
  router.use(
    organizationRoutes(deps, [
      challengesOnOrganizationPage(db),
      pledgesOnOrganizationPage(db),
      impactOnOrganizationPage(db),
    ]),
  );
  router.use(sponsorshipRoutes(deps));
  router.use(statisticsRoutes(deps));
  router.use(claimRoutes(deps));
  router.use(questionRoutes(deps));
  router.use(proposalRoutes(deps, proposal));
  router.use(teamRoutes(deps, proposal));
  router.use(submissionRoutes(deps, proposal));
  router.use(reviewRoutes(deps, proposal));
  router.use(trackingRoutes(deps, proposal));
  router.use(dashboardRoutes(deps));
  router.use(notificationRoutes(deps));
  router.use(adminRoutes(deps));
  router.use(volunteerRoutes(db));
  return router;
}
