import { Router } from 'express';
import { displayName, isVolunteer } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { FeatureDeps } from '../http/index.ts';
import { isOurListName } from './organization-lists.ts';
import { CLAIM_WARNING_DAYS, myWork } from './my-work.ts';
import { ourChallenges, ourListPage } from './our-challenges.ts';

export function dashboardRoutes({ db, config }: FeatureDeps): Router {
  const router = Router();

  router.get('/mi-trabajo', requireUser, async (req, res) => {
    const work = await myWork(db, config, req.user!.id, req.query);
    res.render('dashboards/my-work', {
      pageTitle: req.t('dashboards.myWork.title'),
      current: 'my-work',
      volunteer: isVolunteer(req.user),
      expiryDays: config.claimExpiryDays,
      warningDays: CLAIM_WARNING_DAYS,
      work: {
        ...work,
        actions: {
          ...work.actions,
          invitations: work.actions.invitations.map((invitation) => ({
            ...invitation,
            leadName: displayName(invitation.lead, req.t),
          })),
        },
      },
    });
  });

  router.get('/nuestros-retos', requireUser, async (req, res) => {
    const organizations = await ourChallenges(db, req.user!.id);
    if (organizations.length === 0) throw new ForbiddenError('dashboards.errors.noOrganization');
    res.render('dashboards/our-challenges', {
      pageTitle: req.t('dashboards.ours.title'),
      current: 'our-challenges',
      organizations,
    });
  });

  // One list of the organization dashboard in full, a page at a time.
  router.get('/nuestros-retos/:slug/:list', requireUser, async (req, res) => {
    const { list } = req.params;
    if (!isOurListName(list)) throw new NotFoundError();
    const page = await ourListPage(db, req.user!.id, String(req.params.slug), list, req.query);
    if (!page) throw new NotFoundError();
    res.render('dashboards/our-list', {
      pageTitle: req.t(`dashboards.ours.${page.heading}`),
      current: 'our-challenges',
      ...page,
    });
  });

  return router;
}
