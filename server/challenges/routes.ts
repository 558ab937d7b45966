import { Router } from 'express';
import { displayName } from '../accounts/display-name.ts';
import type { FeatureDeps } from '../feature-deps.ts';
import { NotFoundError } from '../errors.ts';
import { challengeForViewer } from './service.ts';

export function challengeRoutes({ db }: FeatureDeps): Router {
  const router = Router();
  router.get('/retos/:slug', async (req, res) => {
    const found = await challengeForViewer(db, req.params.slug, req.user?.id);
    if (!found) throw new NotFoundError();
    res.render('challenges/show', {
      pageTitle: found.challenge.title,
      metaDescription: found.challenge.pitch,
      ...found,
      authorName: found.author ? displayName(found.author, req.t) : null,
    });
  });
  return router;
}
