import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { displayName } from '../people/index.ts';
import { volunteerProfile } from './service.ts';

/** A volunteer's public profile: who they are, what they work on, what they delivered. */
export function volunteerRoutes(db: Db): Router {
  const router = Router();
  router.get('/voluntarios/:login', async (req, res) => {
    const profile = await volunteerProfile(db, String(req.params.login), req.query);
    if (!profile) throw new NotFoundError();
    const name = displayName(profile.volunteer, req.t);
    res.render('volunteers/profile', {
      pageTitle: name,
      metaDescription: profile.volunteer.bio || req.t('volunteers.metaDescription', { name }),
      name,
      ...profile,
    });
  });
  return router;
}
