import type { Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { Translate } from '../i18n/index.ts';
import { writeCsv } from '../lib/index.ts';
import { displayName } from '../people/index.ts';
import { challengeScores } from './ranking.ts';

export const scoreExportColumns = [
  'proposal_id',
  'proposal',
  'reviewer',
  'criterion',
  'weight',
  'score',
  'comment',
  'date',
] as const;

/**
 * Every score on the challenge's proposals under review as a CSV file, one row each: by proposal
 * title, reviewer name, then the criteria's order. A score on a criterion the challenge no
 * longer has (retired) is kept, after the current ones, with no weight.
 */
export async function scoreExportCsv(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  t: Translate,
): Promise<string> {
  const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
  const rows = (await challengeScores(db, challenge.id)).map((row) => ({
    ...row,
    reviewerId: row.reviewer?.id ?? '',
    reviewerName: displayName(row.reviewer, t),
  }));
  rows.sort(
    (a, b) =>
      collator.compare(a.title, b.title) ||
      a.proposalId.localeCompare(b.proposalId) ||
      collator.compare(a.reviewerName, b.reviewerName) ||
      a.reviewerId.localeCompare(b.reviewerId) ||
      Number(a.criterionRetired) - Number(b.criterionRetired) ||
      (a.criterionRetired ? 0 : a.criterionPosition - b.criterionPosition) ||
      a.criterion.localeCompare(b.criterion),
  );
  return writeCsv(
    scoreExportColumns,
    rows.map((row) => ({
      proposal_id: row.proposalId,
      proposal: row.title,
      reviewer: row.reviewerName,
      criterion: row.criterion,
      weight: row.criterionRetired ? '' : (row.weight ?? ''),
      score: row.score,
      comment: row.comment,
      date: row.updatedAt.toISOString(),
    })),
  );
}
