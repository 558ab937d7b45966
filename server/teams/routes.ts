import { Router } from 'express';
import { requireUser } from '../auth/index.ts';
import { ValidationError } from '../errors.ts';
import { formErrors, translatedErrors, type FeatureDeps } from '../http/index.ts';
import { proposalInPath, type ProposalPage } from '../proposals/index.ts';
import { inviteForm } from './forms.ts';
import { answerInvitation, inviteToTeam, removeFromTeam } from './service.ts';

// The team of a proposal: the lead invites by GitHub login, invitees answer, members leave.
export function teamRoutes({ db }: FeatureDeps, page: ProposalPage): Router {
  const router = Router();

  router.post('/propuestas/:id/equipo', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    const values = { login: typeof req.body?.login === 'string' ? req.body.login : '' };
    const refused = (errors: Record<string, string>) => {
      res.status(422);
      return page.render(req, res, loaded, { form: { name: 'invite', values, errors } });
    };
    const parsed = inviteForm.safeParse(values);
    if (!parsed.success) return refused(formErrors(parsed.error, req.t));
    try {
      await inviteToTeam(db, req.user!, loaded.proposal.id, parsed.data.login);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refused(translatedErrors(error, req.t, { login: parsed.data.login }));
    }
    res.redirect(303, `/propuestas/${loaded.proposal.id}?aviso=invitacion-enviada#equipo`);
  });

  for (const [path, accept] of [
    ['aceptar', true],
    ['rechazar', false],
  ] as const) {
    router.post(`/propuestas/:id/equipo/${path}`, requireUser, async (req, res) => {
      const { proposal, challenge } = await proposalInPath(db, req);
      await answerInvitation(db, req.user!, proposal.id, accept);
      // Someone who declines a draft's invitation can no longer see it.
      if (!accept && proposal.status === 'draft') {
        return res.redirect(303, `/retos/${challenge.slug}`);
      }
      const notice = accept ? 'te-uniste' : 'invitacion-rechazada';
      res.redirect(303, `/propuestas/${proposal.id}?aviso=${notice}`);
    });
  }

  router.post('/propuestas/:id/equipo/quitar', requireUser, async (req, res) => {
    const { proposal, challenge } = await proposalInPath(db, req);
    const target = typeof req.body?.userId === 'string' ? req.body.userId : '';
    await removeFromTeam(db, req.user!, proposal.id, target);
    const self = target === req.user!.id;
    if (self && proposal.status === 'draft') return res.redirect(303, `/retos/${challenge.slug}`);
    const notice = self ? 'dejaste-el-equipo' : 'miembro-quitado';
    res.redirect(303, `/propuestas/${proposal.id}?aviso=${notice}#equipo`);
  });

  return router;
}
