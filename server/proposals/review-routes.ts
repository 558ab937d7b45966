import { stringify } from 'csv-stringify/sync';
import { Router, type Request, type Response } from 'express';
import { requireUser } from '../auth/index.ts';
import { challengeForViewer } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import {
  MAX_SCORE_COMMENT,
  declineForm,
  parseScoreSheet,
  type ScoreSheetRow,
} from './review-forms.ts';
import {
  challengeRanking,
  reviewerScores,
  saveScores,
  scoreExportColumns,
  scoreExportRows,
  scoringRefusal,
} from './review-service.ts';
import { formatScore, scoringCriteria } from './scoring.ts';
import { changeProposal, refusalFor } from './status-change.ts';
import { proposalsOnTeam, type ProposalTarget, type ProposalViewer } from './team-queries.ts';
import { fieldIdErrors, loadProposal, renderTrackingForm, typedValues } from './tracking-routes.ts';

export function reviewRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  const router = Router();

  router.post('/propuestas/:id/aceptar', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    const { proposal } = await changeProposal(db, viewer, target, 'accept');
    res.redirect(303, `/propuestas/${proposal.id}`);
  });

  router.post('/propuestas/:id/rechazar', requireUser, async (req, res) => {
    const { target, viewer } = await loadProposal(db, req);
    // Who may decline is settled before what they wrote: a stranger is refused, not corrected.
    const refusal = refusalFor(viewer, target, 'decline');
    if (refusal) throw new ForbiddenError(refusal);
    const values = typedValues(req.body, ['reason']);
    const parsed = declineForm.safeParse(values);
    if (!parsed.success) {
      return renderTrackingForm(db, req, res, target, {
        name: 'decline',
        values,
        errors: fieldIdErrors('decline', formErrors(parsed.error, req.t)),
      });
    }
    const { proposal } = await changeProposal(db, viewer, target, 'decline', {
      declineReason: parsed.data.reason,
    });
    res.redirect(303, `/propuestas/${proposal.id}`);
  });

  async function scorableProposal(req: Request) {
    const found = await loadProposal(db, req);
    const criteria = scoringCriteria(found.target.challenge.criteria);
    const refusal = scoringRefusal(found.viewer, found.target.proposal.status, criteria.length);
    if (refusal) throw new ForbiddenError(refusal);
    return { ...found, criteria };
  }

  async function renderScoreSheet(
    req: Request,
    res: Response,
    target: ProposalTarget,
    viewer: ProposalViewer & { userId: string },
    sheet?: { rows: ScoreSheetRow[]; errors: Record<string, string> },
  ) {
    let rows = sheet?.rows;
    if (!rows) {
      const saved = await reviewerScores(db, target.proposal.id, viewer.userId);
      rows = scoringCriteria(target.challenge.criteria).map((criterion) => ({
        name: criterion.name,
        weight: criterion.weight,
        score: String(saved.get(criterion.name)?.score ?? ''),
        comment: saved.get(criterion.name)?.comment ?? '',
      }));
    }
    const errors = sheet?.errors;
    res.render('proposals/evaluate', {
      pageTitle: req.t('review.evaluate.title', { title: target.proposal.title }),
      proposal: target.proposal,
      challenge: target.challenge,
      organization: target.organization,
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
    const { target, viewer } = await scorableProposal(req);
    await renderScoreSheet(req, res, target, viewer);
  });

  router.post('/propuestas/:id/evaluar', requireUser, async (req, res) => {
    const { target, viewer, criteria } = await scorableProposal(req);
    const sheet = parseScoreSheet(req.body, criteria, req.t);
    if (!sheet.ok) {
      res.status(422);
      return renderScoreSheet(req, res, target, viewer, sheet);
    }
    await saveScores(db, viewer, target, sheet.entries);
    res.redirect(303, `/retos/${target.challenge.slug}/evaluacion#propuesta-${target.proposal.id}`);
  });

  /** The challenge, for members of its organization only. */
  async function reviewedChallenge(req: Request) {
    const found = await challengeForViewer(db, String(req.params.slug), req.user!.id);
    if (!found) throw new NotFoundError();
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
    const rows = ranking.rows.map((row) => ({
      ...row,
      canScore: !onTeam.has(row.proposal.id) && ranking.criteria.length > 0,
      means: row.criteria.map((criterion) => formatScore(criterion.mean, 2)),
      total: formatScore(row.total, 1),
    }));
    res.render('proposals/ranking', {
      pageTitle: req.t('review.ranking.title', { title: challenge.title }),
      challenge,
      organization,
      criteria: ranking.criteria,
      reviewers: ranking.reviewers,
      rows,
    });
  });

  router.get('/retos/:slug/evaluacion.csv', requireUser, async (req, res) => {
    const { challenge } = await reviewedChallenge(req);
    const rows = await scoreExportRows(db, challenge, req.t);
    res.attachment(`evaluacion-${challenge.slug}.csv`);
    res.type('text/csv; charset=utf-8');
    // Reviewers' scores are the organization's working notes: never kept by a shared cache.
    res.set('Cache-Control', 'private, no-store');
    res.send(stringify(rows, { header: true, columns: [...scoreExportColumns] }));
  });

  return router;
}
