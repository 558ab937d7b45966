import { z } from 'zod';
import type { Criterion } from '../../models/schema/index.ts';
import type { Translate } from '../i18n/index.ts';

export const MAX_SCORE_COMMENT = 1000;

/** Declining needs a reason: it is shown publicly on the proposal and sent to the team. */
export const declineForm = z.object({
  reason: z
    .string({ error: 'review.errors.reasonRequired' })
    .trim()
    .min(1, 'review.errors.reasonRequired')
    .max(2000, 'review.errors.reasonTooLong'),
});

/** One row of the score sheet as the form shows it: the criterion and what was typed. */
export interface ScoreSheetRow {
  id: string;
  name: string;
  weight: number;
  score: string;
  comment: string;
}

export interface ScoreEntryInput {
  criterionId: string;
  /** The criterion's name, as the audit log keeps the sheet. */
  criterion: string;
  score: number;
  comment: string;
}

export type ScoreSheetResult =
  | { ok: true; entries: ScoreEntryInput[] }
  | { ok: false; rows: ScoreSheetRow[]; errors: Record<string, string> };

const field = (body: Record<string, unknown>, name: string): string | undefined => {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The submitted sheet, matched to the challenge's criteria by name: each row of the form carries
 * its criterion's name in a hidden field, so a sheet opened before the challenge's criteria were
 * edited never puts a score on the wrong criterion. Every criterion needs a whole score from 1
 * to 5; the comment is optional. Field ids are `score_<i>` and `comment_<i>`, in the current
 * order of the criteria.
 */
export function parseScoreSheet(
  rawBody: unknown,
  criteria: readonly Criterion[],
  t: Translate,
): ScoreSheetResult {
  const body = (rawBody && typeof rawBody === 'object' ? rawBody : {}) as Record<string, unknown>;
  const submitted = new Map<string, { score: string; comment: string }>();
  for (let index = 0; index < 100; index++) {
    const hidden = field(body, `criterion_${index}`);
    if (hidden === undefined && index >= criteria.length) break;
    submitted.set(hidden ?? criteria[index]!.name, {
      score: (field(body, `score_${index}`) ?? '').trim(),
      comment: (field(body, `comment_${index}`) ?? '').trim(),
    });
  }

  const rows = criteria.map((criterion) => ({
    id: criterion.id,
    name: criterion.name,
    weight: criterion.weight,
    ...(submitted.get(criterion.name) ?? { score: '', comment: '' }),
  }));
  const errors: Record<string, string> = {};
  const known = new Set(criteria.map((criterion) => criterion.name));
  if ([...submitted.keys()].some((name) => !known.has(name))) {
    errors.form = t('review.errors.criteriaChanged');
  }
  rows.forEach((row, index) => {
    if (!/^[1-5]$/.test(row.score)) {
      errors[`score_${index}`] = t('review.errors.scoreRange', { criterion: row.name });
    }
    if (row.comment.length > MAX_SCORE_COMMENT) {
      errors[`comment_${index}`] = t('review.errors.commentTooLong', {
        criterion: row.name,
        max: MAX_SCORE_COMMENT,
      });
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, rows, errors };
  return {
    ok: true,
    entries: rows.map((row) => ({
      criterionId: row.id,
      criterion: row.name,
      score: Number(row.score),
      comment: row.comment,
    })),
  };
}
