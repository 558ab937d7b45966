import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { requireUser } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import { endorseProposal, endorsementStanding, endorsingOrganization } from './endorsements.ts';
import { proposalTrackingSections, type TrackingForm } from './page-sections.ts';
import { changeProposal } from './status-change.ts';
import {
  canSeeProposal,
  findProposalTarget,
  proposalViewer,
  type ProposalTarget,
  type ProposalViewer,
} from './team-queries.ts';
import { adoptionForm, endorsementForm, progressForm } from './tracking-forms.ts';
import {
  addProgressUpdate,
  adoptionRefusal,
  adoptionsOf,
  progressRefusal,
  recordAdoption,
} from './tracking-service.ts';

/**
 * The proposal named in the path and how the signed-in viewer stands towards it; a proposal
 * they may not see is not found.
 */
export async function loadProposal(db: Db, req: Request) {
  const target = await findProposalTarget(db, String(req.params.id));
  if (!target) throw new NotFoundError();
  const viewer = await proposalViewer(db, target, req.user?.id);
  if (!canSeeProposal(target, viewer)) throw new NotFoundError();
  return { target, viewer: viewer as ProposalViewer & { userId: string } };
}

/** The posted text fields of a form, as typed, to show it again. */
export function typedValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => [field, typeof source[field] === 'string' ? source[field] : '']),
  );
}

/** Field messages keyed by the ids the tracking partial gives its fields (`progress-body`…). */
export function fieldIdErrors(
  name: TrackingForm['name'],
  errors: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [`${name}-${field}`, message]),
  );
}

/**
 * A tracking form that failed validation, shown again (status 422) on a page of its own with
 * the proposal's whole tracking section, the values typed and a message per field.
 */
export async function renderTrackingForm(
  db: Db,
  req: Request,
  res: Response,
  target: ProposalTarget,
  form: TrackingForm,
) {
  res.status(422).render('proposals/tracking', {
    pageTitle: req.t('tracking.page.title', { title: target.proposal.title }),
    proposal: target.proposal,
    challenge: target.challenge,
    tracking: await proposalTrackingSections(db, target.proposal, req.user?.id, form),
  });
}

export function trackingRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  const router = Router();
  const back = (res: Response, target: ProposalTarget, anchor = '') =>
    res.redirect(303, `/propuestas/${target.proposal.id}${anchor}`);

  async function invalid(
    req: Request,
    res: Response,
    target: ProposalTarget,
    name: TrackingForm['name'],
    values: Record<string, string>,
    error: z.ZodError,
  ) {
    const errors = fieldIdErrors(name, formErrors(error, req.t));
    await renderTrackingForm(db, req, res, target, { name, values, errors });
  }

  router.post('/propuestas/:id/iniciar', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    await changeProposal(db, viewer, target, 'start');
    back(res, target);
  });

  router.post('/propuestas/:id/avances', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    const refusal = progressRefusal(viewer, target.proposal.status);
    if (refusal) throw new ForbiddenError(refusal);
    const values = typedValues(req.body, ['body', 'milestone', 'linkUrl']);
    const parsed = progressForm.safeParse(values);
    if (!parsed.success) return invalid(req, res, target, 'progress', values, parsed.error);
    await addProgressUpdate(db, viewer, target, parsed.data);
    back(res, target, '#avances');
  });

  router.post('/propuestas/:id/entregar', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    await changeProposal(db, viewer, target, 'confirmDelivery');
    back(res, target);
  });

  router.post('/propuestas/:id/adopciones', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    const adoptedBy = (await adoptionsOf(db, target.proposal.id)).map((row) => row.organization.id);
    const refusal = adoptionRefusal(viewer, target.proposal.status, adoptedBy);
    if (refusal) throw new ForbiddenError(refusal);
    const values = typedValues(req.body, ['organizationId', 'since', 'evidenceUrl']);
    const parsed = adoptionForm().safeParse(values);
    if (!parsed.success) return invalid(req, res, target, 'adoption', values, parsed.error);
    await recordAdoption(db, viewer, target, parsed.data);
    back(res, target, '#adopciones');
  });

  router.post('/propuestas/:id/respaldos', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    const standing = await endorsementStanding(db, target, viewer);
    if (standing.refusal) throw new ForbiddenError(standing.refusal);
    const values = typedValues(req.body, ['organizationId', 'statement']);
    const parsed = endorsementForm.safeParse(values);
    if (!parsed.success) return invalid(req, res, target, 'endorsement', values, parsed.error);
    if (parsed.data.organizationId && !endorsingOrganization(standing, parsed.data.organizationId))
      throw new ForbiddenError('tracking.refusals.endorseNotMember');
    if (!endorsingOrganization(standing, parsed.data.organizationId)) {
      return renderTrackingForm(db, req, res, target, {
        name: 'endorsement',
        values,
        errors: { 'endorsement-organizationId': req.t('tracking.errors.organizationRequired') },
      });
    }
    await endorseProposal(db, viewer, target, parsed.data);
    back(res, target, '#respaldos');
  });

  return router;
}
