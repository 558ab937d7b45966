import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { requireUser } from '../auth/index.ts';
import { ValidationError } from '../errors.ts';
import { fieldIdErrors, formErrors, typedValues, type FeatureDeps } from '../http/index.ts';
import {
  changeProposalStatus,
  proposalInPath,
  type LoadedProposal,
  type ProposalPage,
} from '../proposals/index.ts';
import { recordAdoption } from './adoptions.ts';
import { endorseProposal } from './endorsements.ts';
import { adoptionForm, endorsementForm, progressForm } from './forms.ts';
import { addProgressUpdate } from './progress.ts';

// Following a proposal to adoption: work starts, progress, delivery, adoptions, endorsements.
// Who may act is decided by each service, inside its transaction; a refused form comes back
// on the proposal page with what was typed.
export function trackingRoutes({ db }: FeatureDeps, page: ProposalPage): Router {
  const router = Router();
  const back = (res: Response, loaded: LoadedProposal, anchor = '') =>
    res.redirect(303, `/propuestas/${loaded.proposal.id}${anchor}`);

  function invalid(
    req: Request,
    res: Response,
    loaded: LoadedProposal,
    name: string,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) {
    res.status(422);
    return page.render(req, res, loaded, {
      form: { name, values, errors: fieldIdErrors(name, errors) },
    });
  }
  const zodErrors = (req: Request, error: z.ZodError) => formErrors(error, req.t);

  router.post('/propuestas/:id/iniciar', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    await changeProposalStatus(db, req.user!, loaded.proposal.id, 'start');
    back(res, loaded);
  });

  router.post('/propuestas/:id/entregar', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    await changeProposalStatus(db, req.user!, loaded.proposal.id, 'confirmDelivery');
    back(res, loaded);
  });

  router.post('/propuestas/:id/avances', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    const values = typedValues(req.body, ['body', 'milestone', 'linkUrl']);
    const parsed = progressForm.safeParse(values);
    if (!parsed.success) {
      return invalid(req, res, loaded, 'progress', values, zodErrors(req, parsed.error));
    }
    await addProgressUpdate(db, req.user!, loaded.proposal.id, parsed.data);
    back(res, loaded, '#avances');
  });

  router.post('/propuestas/:id/adopciones', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    const values = typedValues(req.body, ['organizationId', 'since', 'evidenceUrl']);
    const parsed = adoptionForm().safeParse(values);
    if (!parsed.success) {
      return invalid(req, res, loaded, 'adoption', values, zodErrors(req, parsed.error));
    }
    await recordAdoption(db, req.user!, loaded.proposal.id, parsed.data);
    back(res, loaded, '#adopciones');
  });

  router.post('/propuestas/:id/respaldos', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    const values = typedValues(req.body, ['organizationId', 'statement']);
    const parsed = endorsementForm.safeParse(values);
    if (!parsed.success) {
      return invalid(req, res, loaded, 'endorsement', values, zodErrors(req, parsed.error));
    }
    try {
      await endorseProposal(db, req.user!, loaded.proposal.id, parsed.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, key]) => [field, req.t(key)]),
      );
      return invalid(req, res, loaded, 'endorsement', values, errors);
    }
    back(res, loaded, '#respaldos');
  });

  return router;
}
