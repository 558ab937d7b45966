import { Router } from 'express';
import { requireUser } from '../auth/index.ts';
import type { FeatureDeps } from '../http/index.ts';
import type { ProposalPage } from './page.ts';
import { repositoryApiUrl } from '../github/index.ts';
import { proposalInPath } from './routes.ts';
import { checkProposalRepository, submitProposal, withdrawProposal } from './submission.ts';

// Submitting a draft, checking its repository on GitHub, and withdrawing a proposal.
export function submissionRoutes({ db, config }: FeatureDeps, page: ProposalPage): Router {
  const router = Router();
  const githubApi = repositoryApiUrl(config);

  router.post('/propuestas/:id/enviar', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    const result = await submitProposal(db, githubApi, req.user!, loaded.proposal.id);
    if (result.outcome === 'incomplete') {
      const missing = Object.values(result.missing).map((key) => req.t(key));
      res.status(422);
      return page.render(req, res, loaded, {
        errors: { enviar: req.t('proposals.errors.incomplete', { missing: missing.join(' ') }) },
      });
    }
    if (result.outcome === 'repositoryFailed') {
      res.status(422);
      return page.render(
        req,
        res,
        { ...loaded, proposal: result.proposal },
        { errors: { repositorio: req.t('proposals.errors.repositoryCheckFailed') } },
      );
    }
    const notice = result.verified ? 'enviada' : 'enviada-sin-verificar';
    res.redirect(303, `/propuestas/${loaded.proposal.id}?aviso=${notice}`);
  });

  router.post('/propuestas/:id/verificar-repositorio', requireUser, async (req, res) => {
    const { proposal } = await proposalInPath(db, req);
    const { check, recorded, firstCheck } = await checkProposalRepository(
      db,
      githubApi,
      req.user!,
      proposal.id,
    );
    const notice =
      check.status === 'unreachable' && !recorded
        ? 'github-sin-respuesta'
        : firstCheck
          ? 'repositorio-revisado'
          : 'repositorio-revisado-de-nuevo';
    res.redirect(303, `/propuestas/${proposal.id}?aviso=${notice}#repositorio`);
  });

  router.post('/propuestas/:id/retirar', requireUser, async (req, res) => {
    const { proposal } = await proposalInPath(db, req);
    await withdrawProposal(db, req.user!, proposal.id);
    res.redirect(303, `/propuestas/${proposal.id}?aviso=retirada`);
  });

  return router;
}
