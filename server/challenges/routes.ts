import { Router, type Request, type Response } from 'express';
import { displayName, isModerator } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import { challengeForm, challengeFormValues, replicateForm } from './forms.ts';
import { challengeFormView, type ChallengeFormInput } from './form-view.ts';
import { availableTransitions, isChallengeTransition } from './lifecycle.ts';
import { canEditChallenge, canPostChallengeFor, canWatchChallenge } from './permissions.ts';
import { publishedReplicas, replicateChallenge } from './replicas.ts';
import { challengeForViewer, originalOf, statusHistory } from './service.ts';
import { unwatchChallenge, watchChallenge, watchState } from './watches.ts';
import { changeChallengeStatus, createChallenge, updateChallenge } from './write-service.ts';
import { mexicanStates } from '../../models/mexican-states.ts';
import { canBeSponsored, sponsorshipsOfChallenge } from '../sponsorships/index.ts';
import { challengeClaimsSection } from '../claims/index.ts';
import { challengeProposalsSection, challengeEndorsementsSection } from '../proposals/index.ts';
import { challengeQuestionsSection } from '../questions/index.ts';

export function challengeRoutes({ db, config }: FeatureDeps): Router {
  const router = Router();

  async function found(req: Request) {
    const result = await challengeForViewer(db, String(req.params.slug), req.user?.id);
    if (!result) throw new NotFoundError();
    return result;
  }

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
    const organizationId =
      typeof req.query.organizacion === 'string' ? req.query.organizacion : undefined;
    await renderForm(req, res, 'new', { organizationId });
  });

  router.post('/retos/nuevo', requireUser, async (req, res) => {
    const values = challengeFormValues(req.body ?? {});
    const parsed = challengeForm.safeParse(values);
    const mine = (await memberOrganizations(db, req.user!.id)).map((org) => org.id);
    const errors = parsed.success ? {} : formErrors(parsed.error, req.t);
    if (!values.organizationId || !canPostChallengeFor(mine, values.organizationId)) {
      errors.organizationId = req.t('challengeForm.errors.organizationRequired');
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      res.status(422);
      return renderForm(req, res, 'new', values, { errors });
    }
    const created = await createChallenge(db, req.user!.id, values.organizationId!, parsed.data);
    res.redirect(303, `/retos/${created.slug}`);
  });

  router.get('/retos/:slug', async (req, res) => {
    const view = await found(req);
    const { challenge } = view;
    const moderator = isModerator(req.user, config);
    const [
      replicas,
      original,
      history,
      watch,
      sponsorships,
      claimsSection,
      proposalsSection,
      endorsementsSection,
      questionsSection,
    ] = await Promise.all([
      publishedReplicas(db, challenge.id),
      originalOf(db, challenge.forkedFromId),
      statusHistory(db, challenge.id),
      watchState(db, challenge.id, req.user?.id),
      sponsorshipsOfChallenge(db, challenge.id),
      challengeClaimsSection(db, challenge, req.user?.id),
      challengeProposalsSection(db, challenge, req.user?.id),
      challengeEndorsementsSection(db, challenge.id),
      challengeQuestionsSection(db, challenge, req.user, req.t),
    ]);
    res.render('challenges/show', {
      pageTitle: challenge.title,
      metaDescription: challenge.pitch,
      ...view,
      authorName: view.author ? displayName(view.author, req.t) : null,
      canEdit: canEditChallenge(view.viewerIsMember),
      transitions: availableTransitions(challenge.status, {
        isMember: view.viewerIsMember,
        isModerator: moderator,
      }),
      canReplicate: Boolean(req.user) && challenge.status !== 'draft',
      canWatch: canWatchChallenge(challenge, Boolean(req.user)),
      replicas,
      sponsorships,
      claimsSection,
      proposalsSection,
      endorsementsSection,
      questionsSection,
      canSponsor: Boolean(req.user) && canBeSponsored(challenge),
      original,
      history,
      ...watch,
      sdgs: challenge.sdgs.map((goal) => ({ number: goal, name: req.t(`sdg.${goal}`) })),
    });
  });

  router.get('/retos/:slug/editar', requireUser, async (req, res) => {
    const { challenge, viewerIsMember } = await found(req);
    if (!canEditChallenge(viewerIsMember)) throw new ForbiddenError();
    await renderForm(req, res, 'edit', challenge, { slug: challenge.slug });
  });

  router.post('/retos/:slug/editar', requireUser, async (req, res) => {
    const { challenge, viewerIsMember } = await found(req);
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
    await updateChallenge(db, req.user!.id, challenge, parsed.data);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  router.post('/retos/:slug/estado', requireUser, async (req, res) => {
    const { challenge, viewerIsMember } = await found(req);
    const transition = req.body?.transicion;
    if (!isChallengeTransition(transition))
      throw new ForbiddenError('challenge.errors.transitionRefused');
    await changeChallengeStatus(
      db,
      { id: req.user!.id, isMember: viewerIsMember, isModerator: isModerator(req.user, config) },
      challenge,
      transition,
    );
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  const renderReplicate = async (
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
  ) => {
    const { challenge } = await found(req);
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
    const { challenge } = await found(req);
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
    const replica = await replicateChallenge(db, req.user!.id, mine, challenge, {
      organizationId: parsed.data.organizationId,
      stateCode: parsed.data.stateCode || null,
      municipality: parsed.data.municipality || null,
    });
    res.redirect(303, `/retos/${replica.slug}/editar`);
  });

  router.post('/retos/:slug/seguir', requireUser, async (req, res) => {
    const { challenge } = await found(req);
    await watchChallenge(db, req.user!.id, challenge);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  router.post('/retos/:slug/dejar-de-seguir', requireUser, async (req, res) => {
    const { challenge } = await found(req);
    await unwatchChallenge(db, req.user!.id, challenge.id);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  return router;
}
