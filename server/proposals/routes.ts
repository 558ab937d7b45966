import { Router, type Request, type Response } from 'express';
import { requireUser } from '../auth/index.ts';
import { challengeInPath } from '../challenges/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { formErrors, translatedErrors, type FeatureDeps } from '../http/index.ts';
import { isVolunteer } from '../people/index.ts';
import { createProposal, leadProposalOn, updateProposal } from './drafting.ts';
import {
  proposalAsFormValues,
  proposalForm,
  proposalFormValues,
  type ProposalFormValues,
} from './forms.ts';
import type { ProposalPage } from './page.ts';
import { canEditProposal, challengeTakesProposals } from './permissions.ts';
import { loadVisibleProposal } from './viewer.ts';

/** The proposal in the path as the viewer may see it: a draft is a 404 to anyone else. */
export const proposalInPath = (db: FeatureDeps['db'], req: Request) =>
  loadVisibleProposal(db, String(req.params.id), req.user?.id);

// Proposing, the proposal page and editing a proposal.
export function proposalRoutes(deps: FeatureDeps, page: ProposalPage): Router {
  const { db } = deps;
  const router = Router();

  async function proposableChallenge(req: Request) {
    const found = await challengeInPath(db, req);
    if (!challengeTakesProposals(found.challenge)) {
      throw new ForbiddenError('proposals.errors.challengeNotOpen');
    }
    if (!isVolunteer(req.user)) throw new ForbiddenError('proposals.errors.volunteersOnly');
    return found;
  }

  function renderForm(
    req: Request,
    res: Response,
    context: {
      mode: 'new' | 'edit';
      challenge: { slug: string; title: string };
      proposalId?: string;
      values: ProposalFormValues;
      errors?: Record<string, string>;
      existing?: { id: string; title: string };
    },
  ) {
    const { mode, challenge } = context;
    res.render('proposals/form', {
      pageTitle: req.t(mode === 'new' ? 'proposals.form.newTitle' : 'proposals.form.editTitle', {
        title: challenge.title,
      }),
      action:
        mode === 'new'
          ? `/retos/${challenge.slug}/propuestas/nueva`
          : `/propuestas/${context.proposalId}/editar`,
      ...context,
    });
  }

  router.get('/retos/:slug/propuestas/nueva', requireUser, async (req, res) => {
    const { challenge } = await proposableChallenge(req);
    const existing = await leadProposalOn(db, challenge.id, req.user!.id);
    renderForm(req, res, { mode: 'new', challenge, values: proposalFormValues({}), existing });
  });

  router.post('/retos/:slug/propuestas/nueva', requireUser, async (req, res) => {
    const { challenge } = await proposableChallenge(req);
    const values = proposalFormValues(req.body);
    const parsed = proposalForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      const errors = formErrors(parsed.error, req.t);
      return renderForm(req, res, { mode: 'new', challenge, values, errors });
    }
    try {
      const created = await createProposal(db, req.user!, challenge.id, parsed.data);
      res.redirect(303, `/propuestas/${created.id}?aviso=creada`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      renderForm(req, res, {
        mode: 'new',
        challenge,
        values,
        errors: translatedErrors(error, req.t),
        existing: await leadProposalOn(db, challenge.id, req.user!.id),
      });
    }
  });

  router.get('/propuestas/:id', async (req, res) => {
    await page.render(req, res, await proposalInPath(db, req));
  });

  async function editable(req: Request) {
    const loaded = await proposalInPath(db, req);
    if (!canEditProposal(loaded.proposal, loaded.viewer)) {
      throw new ForbiddenError('proposals.errors.notTeam');
    }
    return loaded;
  }

  router.get('/propuestas/:id/editar', requireUser, async (req, res) => {
    const { proposal, challenge } = await editable(req);
    renderForm(req, res, {
      mode: 'edit',
      challenge,
      proposalId: proposal.id,
      values: proposalAsFormValues(proposal),
    });
  });

  router.post('/propuestas/:id/editar', requireUser, async (req, res) => {
    const { proposal, challenge } = await editable(req);
    const values = proposalFormValues(req.body);
    const parsed = proposalForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      const errors = formErrors(parsed.error, req.t);
      return renderForm(req, res, {
        mode: 'edit',
        challenge,
        proposalId: proposal.id,
        values,
        errors,
      });
    }
    await updateProposal(db, req.user!, proposal.id, parsed.data);
    res.redirect(303, `/propuestas/${proposal.id}?aviso=guardada`);
  });

  return router;
}
