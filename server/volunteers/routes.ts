import { and, isNull, sql } from 'drizzle-orm';
import { Router } from 'express';
import { users } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import { displayName } from '../accounts/display-name.ts';

/** A volunteer's public profile; later features add their proposals and solutions. */
export function volunteerRoutes(db: Db): Router {
  const router = Router();
  router.get('/voluntarios/:login', async (req, res) => {
    const login = req.params.login;
    const [volunteer] = await db
      .select()
      .from(users)
      .where(and(sql`lower(${users.githubLogin}) = lower(${login})`, isNull(users.deletedAt)))
      .orderBy(sql`${users.lastSignInAt} DESC NULLS LAST`)
      .limit(1);
    if (!volunteer) throw new NotFoundError();
    const name = displayName(volunteer, req.t);
    res.render('volunteers/profile', {
      pageTitle: name,
      metaDescription: volunteer.bio || req.t('volunteers.metaDescription', { name }),
      volunteer,
      name,
    });
  });
  return router;
}
