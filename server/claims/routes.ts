import { Router, type Request, type Response } from 'express';
import { displayName } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { challengeInPath } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import { releaseForm } from './forms.ts';
import { canReleaseClaimAsOrganization } from './permissions.ts';
import {
  claimant,
  claimChallenge,
  findClaim,
  releaseClaimAsOrganization,
  releaseOwnClaim,
} from './service.ts';

export function claimRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  const router = Router();

  const found = (req: Request) => challengeInPath(db, req);

  /** The challenge and the active claim an organization member is about to release. */
  async function releasable(req: Request) {
    const view = await found(req);
    const claim = await findClaim(db, view.challenge.id, String(req.params.id));
    if (!claim) throw new NotFoundError();
    if (!canReleaseClaimAsOrganization(claim, view.viewerIsMember)) {
      throw claim.status === 'active'
        ? new ForbiddenError('claims.errors.releaseRefused')
        : new NotFoundError('claims.errors.notActive');
    }
    return { ...view, claim };
  }

  async function renderRelease(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const { challenge, claim } = await releasable(req);
    const volunteerName = displayName(await claimant(db, claim), req.t);
    res.render('claims/release', {
      pageTitle: req.t('claims.release.title', { name: volunteerName }),
      challenge,
      claim,
      volunteerName,
      values: { reason: '' },
      ...extra,
    });
  }

  const backTo = (slug: string) => `/retos/${slug}#trabajando`;

  router.post('/retos/:slug/reclamar', requireUser, async (req, res) => {
    const { challenge } = await found(req);
    const { created } = await claimChallenge(db, req.user!, challenge.id);
    // A second click (or a second tab racing the first) records nothing and is told so.
    res.redirect(
      303,
      created ? backTo(challenge.slug) : `/retos/${challenge.slug}?reclamo=ya#trabajando`,
    );
  });

  router.post('/retos/:slug/soltar', requireUser, async (req, res) => {
    const { challenge } = await found(req);
    await releaseOwnClaim(db, req.user!, challenge.id);
    res.redirect(303, backTo(challenge.slug));
  });

  router.get('/retos/:slug/reclamos/:id/liberar', requireUser, (req, res) =>
    renderRelease(req, res),
  );

  router.post('/retos/:slug/reclamos/:id/liberar', requireUser, async (req, res) => {
    const { challenge, claim } = await releasable(req);
    const values = { reason: typeof req.body?.reason === 'string' ? req.body.reason : '' };
    const parsed = releaseForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      return renderRelease(req, res, { values, errors: formErrors(parsed.error, req.t) });
    }
    await releaseClaimAsOrganization(db, req.user!, challenge.id, claim.id, parsed.data.reason);
    res.redirect(303, backTo(challenge.slug));
  });

  return router;
}
