import { Router, type Request, type Response } from 'express';
import { displayName, isVolunteer } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { challengeForViewer } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import {
  inviteForm,
  proposalAsFormValues,
  proposalForm,
  proposalFormValues,
  submissionErrors,
  type ProposalFormValues,
} from './forms.ts';
import { proposalTrackingSections } from './page-sections.ts';
import {
  canAnswerInvitation,
  canCheckRepository,
  canEditProposal,
  canManageTeam,
  canRemoveFromTeam,
  canSubmitProposal,
  canViewProposal,
  canWithdrawProposal,
  challengeTakesProposals,
} from './permissions.ts';
import { checkRepository, describeRepositoryCheck, repositoryApiUrl } from './repository-check.ts';
import {
  createProposal,
  findProposal,
  leadProposalOn,
  proposalHistory,
  recordRepositoryCheck,
  submitProposal,
  updateProposal,
  viewerRelation,
  withdrawProposal,
} from './service.ts';
import { answerInvitation, inviteToTeam, proposalTeam, removeFromTeam } from './team.ts';

// One-line confirmations after a redirect, named in the query (?aviso=…); unknown names show nothing.
const notices: Record<string, string> = {
  creada: 'proposals.notices.created',
  guardada: 'proposals.notices.saved',
  enviada: 'proposals.notices.submitted',
  'enviada-sin-verificar': 'proposals.notices.submittedUnverified',
  'repositorio-revisado': 'proposals.notices.checked',
  'github-sin-respuesta': 'proposals.notices.githubUnreachable',
  'invitacion-enviada': 'proposals.notices.invited',
  'te-uniste': 'proposals.notices.joined',
  'invitacion-rechazada': 'proposals.notices.declined',
  'miembro-quitado': 'proposals.notices.removed',
  'dejaste-el-equipo': 'proposals.notices.left',
  retirada: 'proposals.notices.withdrawn',
};
const problemNotices = new Set(['github-sin-respuesta', 'enviada-sin-verificar']);

function noticeFor(req: Request) {
  const name = req.query.aviso;
  if (typeof name !== 'string' || !Object.hasOwn(notices, name)) return undefined;
  return { text: req.t(notices[name]!), problem: problemNotices.has(name) };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof findProposal>>> & {
  relation: Awaited<ReturnType<typeof viewerRelation>>;
};

export function proposalRoutes(deps: FeatureDeps): Router {
  const { db, config } = deps;
  const router = Router();

  /** The proposal in the path as the viewer may see it: a draft is a 404 to anyone else. */
  async function load(req: Request): Promise<Loaded> {
    const found = await findProposal(db, String(req.params.id));
    if (!found) throw new NotFoundError();
    const relation = await viewerRelation(db, found.proposal, found.challenge, req.user?.id);
    if (!canViewProposal(found.proposal, relation)) throw new NotFoundError();
    return { ...found, relation };
  }

  // ---- propose ----

  async function proposableChallenge(req: Request) {
    const found = await challengeForViewer(db, String(req.params.slug), req.user?.id);
    if (!found) throw new NotFoundError();
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
    res.render('proposals/form', {
      pageTitle: req.t(
        context.mode === 'new' ? 'proposals.form.newTitle' : 'proposals.form.editTitle',
        {
          title: context.challenge.title,
        },
      ),
      action:
        context.mode === 'new'
          ? `/retos/${context.challenge.slug}/propuestas/nueva`
          : `/propuestas/${context.proposalId}/editar`,
      ...context,
    });
  }

  router.get('/retos/:slug/propuestas/nueva', requireUser, async (req, res) => {
    const { challenge } = await proposableChallenge(req);
    const existing = await leadProposalOn(db, challenge.id, req.user!.id);
    renderForm(req, res, {
      mode: 'new',
      challenge,
      values: proposalFormValues({}),
      existing,
    });
  });

  router.post('/retos/:slug/propuestas/nueva', requireUser, async (req, res) => {
    const { challenge } = await proposableChallenge(req);
    const values = proposalFormValues(req.body);
    const parsed = proposalForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      return renderForm(req, res, {
        mode: 'new',
        challenge,
        values,
        errors: formErrors(parsed.error, req.t),
      });
    }
    try {
      const created = await createProposal(db, req.user!, challenge, parsed.data);
      res.redirect(303, `/propuestas/${created.id}?aviso=creada`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      renderForm(req, res, {
        mode: 'new',
        challenge,
        values,
        errors: translated(req, error.fieldErrors),
        existing: await leadProposalOn(db, challenge.id, req.user!.id),
      });
    }
  });

  // ---- the proposal page ----

  async function renderShow(
    req: Request,
    res: Response,
    view: Loaded,
    extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
  ) {
    const { proposal, challenge, organization, relation } = view;
    const viewerId = req.user?.id;
    const [team, history, tracking] = await Promise.all([
      proposalTeam(db, proposal),
      proposalHistory(db, proposal.id),
      proposalTrackingSections(db, proposal, viewerId),
    ]);
    const people = team.map((member) => ({
      ...member,
      displayName: displayName(member, req.t),
      isLead: member.role === 'lead',
      isViewer: member.userId === viewerId,
      canRemove: canRemoveFromTeam(proposal, relation, viewerId, member.userId),
    }));
    const missing = proposal.status === 'draft' ? submissionErrors(proposal) : {};
    res.render('proposals/show', {
      pageTitle: proposal.title,
      metaDescription: proposal.summary,
      proposal,
      challenge,
      organization,
      relation,
      notice: noticeFor(req),
      members: people.filter((member) => member.acceptedAt),
      // Pending invitations are the team's business.
      invitations: relation.isTeamMember ? people.filter((member) => !member.acceptedAt) : [],
      check: describeRepositoryCheck(proposal, req.t),
      history,
      tracking,
      canEdit: canEditProposal(proposal, relation),
      canSubmit: canSubmitProposal(proposal, relation, challenge),
      missingToSubmit: Object.values(missing).map((key) => req.t(key)),
      canInvite: canManageTeam(proposal, relation),
      canAnswer: canAnswerInvitation(proposal, relation),
      canCheck: canCheckRepository(proposal, relation),
      canWithdraw: canWithdrawProposal(proposal, relation),
      isDraft: proposal.status === 'draft',
      values: {},
      ...extra,
    });
  }

  router.get('/propuestas/:id', async (req, res) => renderShow(req, res, await load(req)));

  // ---- edit ----

  router.get('/propuestas/:id/editar', requireUser, async (req, res) => {
    const { proposal, challenge, relation } = await load(req);
    if (!canEditProposal(proposal, relation)) throw new ForbiddenError('proposals.errors.notTeam');
    renderForm(req, res, {
      mode: 'edit',
      challenge,
      proposalId: proposal.id,
      values: proposalAsFormValues(proposal),
    });
  });

  router.post('/propuestas/:id/editar', requireUser, async (req, res) => {
    const { proposal, challenge, relation } = await load(req);
    if (!canEditProposal(proposal, relation)) throw new ForbiddenError('proposals.errors.notTeam');
    const values = proposalFormValues(req.body);
    const parsed = proposalForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      return renderForm(req, res, {
        mode: 'edit',
        challenge,
        proposalId: proposal.id,
        values,
        errors: formErrors(parsed.error, req.t),
      });
    }
    await updateProposal(db, req.user!.id, relation, proposal, challenge, parsed.data);
    res.redirect(303, `/propuestas/${proposal.id}?aviso=guardada`);
  });

  // ---- team ----

  router.post('/propuestas/:id/equipo', requireUser, async (req, res) => {
    const view = await load(req);
    const { proposal, challenge, relation } = view;
    if (!canManageTeam(proposal, relation)) throw new ForbiddenError('proposals.errors.onlyLead');
    const raw = { login: typeof req.body?.login === 'string' ? req.body.login : '' };
    const parsed = inviteForm.safeParse(raw);
    if (!parsed.success) {
      res.status(422);
      return renderShow(req, res, view, {
        values: raw,
        errors: formErrors(parsed.error, req.t),
      });
    }
    try {
      await inviteToTeam(
        db,
        req.user!.id,
        relation,
        proposal,
        challenge,
        parsed.data.login,
        displayName(req.user!, req.t),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      return renderShow(req, res, view, {
        values: raw,
        errors: translated(req, error.fieldErrors, { login: parsed.data.login }),
      });
    }
    res.redirect(303, `/propuestas/${proposal.id}?aviso=invitacion-enviada#equipo`);
  });

  for (const [path, accept] of [
    ['aceptar', true],
    ['rechazar', false],
  ] as const) {
    router.post(`/propuestas/:id/equipo/${path}`, requireUser, async (req, res) => {
      const { proposal, challenge, relation } = await load(req);
      await answerInvitation(db, req.user!.id, relation, proposal, challenge, accept);
      // Someone who declines a draft's invitation can no longer see it.
      if (!accept && proposal.status === 'draft') {
        return res.redirect(303, `/retos/${challenge.slug}`);
      }
      res.redirect(
        303,
        `/propuestas/${proposal.id}?aviso=${accept ? 'te-uniste' : 'invitacion-rechazada'}`,
      );
    });
  }

  router.post('/propuestas/:id/equipo/quitar', requireUser, async (req, res) => {
    const { proposal, challenge, relation } = await load(req);
    const target = typeof req.body?.userId === 'string' ? req.body.userId : '';
    await removeFromTeam(db, req.user!.id, relation, proposal, challenge, target);
    const self = target === req.user!.id;
    if (self && proposal.status === 'draft') return res.redirect(303, `/retos/${challenge.slug}`);
    res.redirect(
      303,
      `/propuestas/${proposal.id}?aviso=${self ? 'dejaste-el-equipo' : 'miembro-quitado'}#equipo`,
    );
  });

  // ---- status and the repository check ----

  router.post('/propuestas/:id/enviar', requireUser, async (req, res) => {
    const view = await load(req);
    const { proposal, challenge, relation } = view;
    if (!canSubmitProposal(proposal, relation, challenge)) {
      throw new ForbiddenError(
        proposal.status !== 'draft'
          ? 'proposals.errors.transitionRefused'
          : !relation.isLead
            ? 'proposals.errors.onlyLeadSubmits'
            : 'proposals.errors.challengeNotOpen',
      );
    }
    const missing = submissionErrors(proposal);
    if (Object.keys(missing).length > 0) {
      res.status(422);
      return renderShow(req, res, view, {
        errors: {
          enviar: req.t('proposals.errors.incomplete', {
            missing: Object.values(missing)
              .map((key) => req.t(key))
              .join(' '),
          }),
        },
      });
    }
    // GitHub first, outside any transaction; the database is written once the answer is in.
    const check = await checkRepository(repositoryApiUrl(config), proposal.repositoryUrl!);
    if (check.status === 'failed') {
      const updated = await recordRepositoryCheck(db, req.user!.id, proposal, challenge, check);
      res.status(422);
      return renderShow(
        req,
        res,
        { ...view, proposal: updated ?? proposal },
        { errors: { repositorio: req.t('proposals.errors.repositoryCheckFailed') } },
      );
    }
    await submitProposal(db, req.user!.id, relation, proposal, challenge, check);
    const notice = check.status === 'verified' ? 'enviada' : 'enviada-sin-verificar';
    res.redirect(303, `/propuestas/${proposal.id}?aviso=${notice}`);
  });

  router.post('/propuestas/:id/verificar-repositorio', requireUser, async (req, res) => {
    const { proposal, challenge, relation } = await load(req);
    if (!canCheckRepository(proposal, relation)) {
      throw new ForbiddenError(
        relation.isTeamMember ? 'proposals.errors.noRepository' : 'proposals.errors.notTeam',
      );
    }
    const check = await checkRepository(repositoryApiUrl(config), proposal.repositoryUrl!);
    const updated = await recordRepositoryCheck(db, req.user!.id, proposal, challenge, check);
    const notice =
      check.status === 'unreachable' && !updated ? 'github-sin-respuesta' : 'repositorio-revisado';
    res.redirect(303, `/propuestas/${proposal.id}?aviso=${notice}#repositorio`);
  });

  router.post('/propuestas/:id/retirar', requireUser, async (req, res) => {
    const { proposal, challenge, relation } = await load(req);
    await withdrawProposal(db, req.user!.id, relation, proposal, challenge);
    res.redirect(303, `/propuestas/${proposal.id}?aviso=retirada`);
  });

  return router;
}

/** A service's field errors (translation keys) as messages. */
function translated(
  req: Request,
  fieldErrors: Record<string, string>,
  params: Record<string, string> = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, key]) => [field, req.t(key, params)]),
  );
}
