import { Router, type Request, type Response } from 'express';
import { requireUser } from '../auth/index.ts';
import { activeCriteria, challengeInPath } from '../challenges/index.ts';
import { ForbiddenError } from '../errors.ts';
import {
  fieldIdErrors,
  formErrors,
  sendCsv,
  typedValues,
  type FeatureDeps,
} from '../http/index.ts';
import {
  changeProposalStatus,
  lifecycleActor,
  proposalInPath,
  transitionRefusal,
  type LoadedProposal,
  type ProposalPage,
} from '../proposals/index.ts';
import { proposalsOnTeam } from '../teams/index.ts';
import { scoringRefusal } from './permissions.ts';
import { challengeRanking } from './ranking.ts';
import { scoreExportCsv } from './score-export.ts';
import {
  declineForm,
  MAX_SCORE_COMMENT,
  parseScoreSheet,
  type ScoreSheetRow,
} from './score-sheet.ts';
import { reviewerScores, saveScores } from './scores.ts';
import { formatScore } from './scoring.ts';

// Reviewing the proposals of a challenge: accept or decline, score, rank, export the scores.
export function reviewRoutes({ db }: FeatureDeps, page: ProposalPage): Router {
  const router = Router();

  router.post('/propuestas/:id/aceptar', requireUser, async (req, res) => {
    const { proposal } = await proposalInPath(db, req);
    await changeProposalStatus(db, req.user!, proposal.id, 'accept');
    res.redirect(303, `/propuestas/${proposal.id}`);
  });

  router.post('/propuestas/:id/rechazar', requireUser, async (req, res) => {
    const loaded = await proposalInPath(db, req);
    // Who may decline is settled before what they wrote: a stranger is refused, not corrected.
    const refusal = transitionRefusal(
      'decline',
      loaded.proposal.status,
      lifecycleActor(loaded.viewer),
    );
    if (refusal) throw new ForbiddenError(refusal);
    const values = typedValues(req.body, ['reason']);
    const parsed = declineForm.safeParse(values);
    if (!parsed.success) {
      const errors = fieldIdErrors('decline', formErrors(parsed.error, req.t));
      res.status(422);
      return page.render(req, res, loaded, { form: { name: 'decline', values, errors } });
    }
    await changeProposalStatus(db, req.user!, loaded.proposal.id, 'decline', {
      declineReason: parsed.data.reason,
    });
    res.redirect(303, `/propuestas/${loaded.proposal.id}`);
  });

  async function scorableProposal(req: Request) {
    const loaded = await proposalInPath(db, req);
    const criteria = await activeCriteria(db, loaded.challenge.id);
    const refusal = scoringRefusal(loaded.viewer, loaded.proposal.status, criteria.length);
    if (refusal) throw new ForbiddenError(refusal);
    return { loaded, criteria };
  }

  async function renderScoreSheet(
    req: Request,
    res: Response,
    loaded: LoadedProposal,
    sheet?: { rows: ScoreSheetRow[]; errors: Record<string, string> },
  ) {
    let rows = sheet?.rows;
    if (!rows) {
      const saved = await reviewerScores(db, loaded.proposal.id, req.user!.id);
      rows = (await activeCriteria(db, loaded.challenge.id)).map((criterion) => ({
        id: criterion.id,
        name: criterion.name,
        weight: criterion.weight,
        score: String(saved.get(criterion.id)?.score ?? ''),
        comment: saved.get(criterion.id)?.comment ?? '',
      }));
    }
    const errors = sheet?.errors;
    res.render('proposals/evaluate', {
      pageTitle: req.t('review.evaluate.title', { title: loaded.proposal.title }),
      proposal: loaded.proposal,
      challenge: loaded.challenge,
      organization: loaded.organization,
      maxComment: MAX_SCORE_COMMENT,
      errors: errors && Object.keys(errors).length > 0 ? errors : undefined,
      rows: rows.map((row, index) => ({
        ...row,
        index,
        error: errors?.[`score_${index}`],
        commentError: errors?.[`comment_${index}`],
        options: ['1', '2', '3', '4', '5'].map((value) => ({
          value,
          first: value === '1',
          checked: row.score === value,
        })),
      })),
    });
  }

  router.get('/propuestas/:id/evaluar', requireUser, async (req, res) => {
    const { loaded } = await scorableProposal(req);
    await renderScoreSheet(req, res, loaded);
  });

  router.post('/propuestas/:id/evaluar', requireUser, async (req, res) => {
    const { loaded, criteria } = await scorableProposal(req);
    const sheet = parseScoreSheet(req.body, criteria, req.t);
    if (!sheet.ok) {
      res.status(422);
      return renderScoreSheet(req, res, loaded, sheet);
    }
    await saveScores(db, req.user!, loaded.proposal.id, sheet.entries);
    const { challenge, proposal } = loaded;
    res.redirect(303, `/retos/${challenge.slug}/evaluacion#propuesta-${proposal.id}`);
  });

  /** The challenge, for members of its organization only. */
  async function reviewedChallenge(req: Request) {
    const found = await challengeInPath(db, req);
    if (!found.viewerIsMember) throw new ForbiddenError('review.refusals.rankingMembersOnly');
    return found;
  }

  router.get('/retos/:slug/evaluacion', requireUser, async (req, res) => {
    const { challenge, organization } = await reviewedChallenge(req);
    const ranking = await challengeRanking(db, challenge);
    const onTeam = await proposalsOnTeam(
      db,
      req.user!.id,
      ranking.rows.map((row) => row.proposal),
    );
    res.render('proposals/ranking', {
      pageTitle: req.t('review.ranking.title', { title: challenge.title }),
      challenge,
      organization,
      criteria: ranking.criteria,
      reviewers: ranking.reviewers,
      rows: ranking.rows.map((row) => ({
        ...row,
        canScore: !onTeam.has(row.proposal.id) && ranking.criteria.length > 0,
        means: row.criteria.map((criterion) => formatScore(criterion.mean, 2)),
        total: formatScore(row.total, 1),
      })),
    });
  });

  router.get('/retos/:slug/evaluacion.csv', requireUser, async (req, res) => {
    const { challenge } = await reviewedChallenge(req);
    // Reviewers' scores are the organization's working notes: never kept by a shared cache.
    res.set('Cache-Control', 'private, no-store');
    sendCsv(res, `evaluacion-${challenge.slug}.csv`, await scoreExportCsv(db, challenge, req.t));
  });

  return router;
}
