import { Router } from 'express';
import type { FeatureDeps } from '../http/index.ts';
import { browseRoutes } from './browse-routes.ts';
import { formerSlugRedirects } from './former-slugs.ts';
import type { ChallengePageSection } from './page-sections.ts';
import { challengePageRoutes } from './routes.ts';
import { challengeWriteRoutes } from './write-routes.ts';

/** Every challenge route; /retos/nuevo comes before /retos/:slug. */
export function challengeRoutes(
  deps: FeatureDeps,
  sections: readonly ChallengePageSection[] = [],
): Router {
  const router = Router();
  router.use(browseRoutes(deps));
  router.use(formerSlugRedirects(deps.db));
  router.use(challengeWriteRoutes(deps));
  router.use(challengePageRoutes(deps, sections));
  return router;
}
