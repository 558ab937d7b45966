import { and, isNull, sql } from 'drizzle-orm';
import { Router } from 'express';
import { users } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { displayName } from '../people/index.ts';
import { activeClaimsOfVolunteer } from '../claims/index.ts';
import { isPublicProposal, solutionStatuses, teamProposalsOf } from '../dashboards/index.ts';

/** A volunteer's public profile: who they are, what they work on, what they delivered. */
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
    const [work, claims] = await Promise.all([
      teamProposalsOf(db, volunteer.id),
      activeClaimsOfVolunteer(db, volunteer.id),
    ]);
    const published = work.filter(isPublicProposal);
    res.render('volunteers/profile', {
      pageTitle: name,
      metaDescription: volunteer.bio || req.t('volunteers.metaDescription', { name }),
      volunteer,
      name,
      claims,
      proposals: published.filter((proposal) => !solutionStatuses.includes(proposal.status)),
      solutions: published.filter((proposal) => solutionStatuses.includes(proposal.status)),
    });
  });
  return router;
}
