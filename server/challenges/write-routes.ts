import { Router, type Request, type Response } from 'express';
import { mexicanStates } from '../../models/mexican-states.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { formErrors, translatedErrors, type FeatureDeps } from '../http/index.ts';
import { placeName } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import { challengeForm, challengeFormValues, replicateForm } from './forms.ts';
import { challengeFormView, type ChallengeFormInput } from './form-view.ts';
import { activeCriteria } from './criteria.ts';
import { isChallengeTransition } from './lifecycle.ts';
import { canEditChallenge, canPostChallengeFor } from './permissions.ts';
import { replicateChallenge } from './replicas.ts';
import { challengeInPath } from './routes.ts';
import { changeChallengeStatus } from './status-change.ts';
import { createChallenge, updateChallenge } from './write-service.ts';

// Posting, editing, moving along the lifecycle and replicating challenges.
export function challengeWriteRoutes({ db, config }: FeatureDeps): Router {
  const router = Router();

  async function renderForm(
    req: Request,
    res: Response,
    mode: 'new' | 'edit',
    values: ChallengeFormInput,
    extra: Record<string, unknown> = {},
  ) {
    const organizations = mode === 'new' ? await memberOrganizations(db, req.user!.id) : [];
    res.render('challenges/form', {
      pageTitle: req.t(mode === 'new' ? 'challengeForm.newTitle' : 'challengeForm.editTitle'),
      ...challengeFormView(values, req.t),
      mode,
      organizations,
      ...extra,
    });
  }

  router.get('/retos/nuevo', requireUser, async (req, res) => {
    // A form nobody in an organization may send would only be refused after it was filled in.
    if ((await memberOrganizations(db, req.user!.id)).length === 0) {
      return res.render('challenges/no-organization', {
        pageTitle: req.t('challengeForm.noOrganizationPage.title'),
      });
    }
    const organizationId =
      typeof req.query.organizacion === 'string' ? req.query.organizacion : undefined;
    await renderForm(req, res, 'new', { organizationId });
  });

  router.post('/retos/nuevo', requireUser, async (req, res) => {
    const values = challengeFormValues(req.body ?? {});
    const parsed = challengeForm.safeParse(values);
    const mine = (await memberOrganizations(db, req.user!.id)).map((org) => org.id);
    const errors = parsed.success ? {} : formErrors(parsed.error, req.t);
    const chosen = values.organizationId;
    if (!chosen || !canPostChallengeFor(mine.includes(chosen))) {
      errors.organizationId = req.t('challengeForm.errors.organizationRequired');
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      res.status(422);
      return renderForm(req, res, 'new', values, { errors });
    }
    try {
      const created = await createChallenge(db, req.user!, chosen!, parsed.data);
      res.redirect(303, `/retos/${created.slug}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      return renderForm(req, res, 'new', values, { errors: translatedErrors(error, req.t) });
    }
  });

  router.get('/retos/:slug/editar', requireUser, async (req, res) => {
    const { challenge, viewerIsMember } = await challengeInPath(db, req);
    if (!canEditChallenge(viewerIsMember)) throw new ForbiddenError();
    const criteria = await activeCriteria(db, challenge.id);
    await renderForm(req, res, 'edit', { ...challenge, criteria }, { slug: challenge.slug });
  });

  router.post('/retos/:slug/editar', requireUser, async (req, res) => {
    const { challenge, viewerIsMember } = await challengeInPath(db, req);
    if (!canEditChallenge(viewerIsMember)) throw new ForbiddenError();
    const values = challengeFormValues(req.body ?? {});
    const parsed = challengeForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      return renderForm(req, res, 'edit', values, {
        slug: challenge.slug,
        errors: formErrors(parsed.error, req.t),
      });
    }
    try {
      const updated = await updateChallenge(db, req.user!, challenge.id, parsed.data);
      res.redirect(303, `/retos/${updated.slug}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      return renderForm(req, res, 'edit', values, {
        slug: challenge.slug,
        errors: translatedErrors(error, req.t),
      });
    }
  });

  router.post('/retos/:slug/estado', requireUser, async (req, res) => {
    const { challenge } = await challengeInPath(db, req);
    const transition = req.body?.transicion;
    if (!isChallengeTransition(transition))
      throw new ForbiddenError('challenge.errors.transitionRefused');
    await changeChallengeStatus(db, config, req.user!, challenge.id, transition);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  const renderReplicate = async (
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
  ) => {
    const { challenge } = await challengeInPath(db, req);
    if (challenge.status === 'draft') throw new NotFoundError();
    res.render('challenges/replicate', {
      pageTitle: req.t('challengeForm.replicateTitle', { title: challenge.title }),
      challenge,
      organizations: await memberOrganizations(db, req.user!.id),
      states: mexicanStates,
      values: {},
      ...extra,
    });
  };

  router.get('/retos/:slug/replicar', requireUser, (req, res) => renderReplicate(req, res));

  router.post('/retos/:slug/replicar', requireUser, async (req, res) => {
    const { challenge } = await challengeInPath(db, req);
    const raw = { organizationId: '', stateCode: '', municipality: '', ...req.body };
    const parsed = replicateForm.safeParse(raw);
    const mine = (await memberOrganizations(db, req.user!.id)).map((org) => org.id);
    if (!parsed.success || !mine.includes(parsed.data.organizationId)) {
      res.status(422);
      const errors = parsed.success ? {} : formErrors(parsed.error, req.t);
      if (parsed.success)
        errors.organizationId = req.t('challengeForm.errors.organizationRequired');
      return renderReplicate(req, res, { values: raw, errors });
    }
    try {
      const replica = await replicateChallenge(db, req.user!, challenge.id, {
        organizationId: parsed.data.organizationId,
        stateCode: parsed.data.stateCode || null,
        municipality: parsed.data.municipality || null,
      });
      res.redirect(303, `/retos/${replica.slug}/editar`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      const place = placeName(challenge) ?? req.t('challenge.national');
      return renderReplicate(req, res, {
        values: raw,
        errors: translatedErrors(error, req.t, { place }),
      });
    }
  });

  return router;
}
