import { and, eq, or, sql } from 'drizzle-orm';
import {
  challengeCriteria,
  proposals,
  proposalScores,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { findProposalTarget, proposalViewer } from '../proposals/index.ts';
import { activeCriteria } from '../challenges/index.ts';
import { scoringRefusal } from './permissions.ts';
import type { ScoreEntryInput } from './score-sheet.ts';

/** The reviewer's own scores on a proposal, by criterion id. */
export async function reviewerScores(db: Db, proposalId: string, reviewerId: string) {
  const rows = await db
    .select({
      criterion: proposalScores.criterionId,
      score: proposalScores.score,
      comment: proposalScores.comment,
    })
    .from(proposalScores)
    .where(
      and(eq(proposalScores.proposalId, proposalId), eq(proposalScores.reviewerId, reviewerId)),
    );
  return new Map(rows.map((row) => [row.criterion, { score: row.score, comment: row.comment }]));
}

type SheetRow = { criterion: string; score: number; comment: string };

/** A sheet as the audit log keeps it: by criterion name, in name order. */
const asSheet = (rows: readonly SheetRow[]) =>
  Object.fromEntries(
    [...rows]
      .sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0))
      .map((row) => [row.criterion, { score: row.score, comment: row.comment }]),
  );

/**
 * Saves a reviewer's sheet: one score per current criterion, replacing their earlier ones; their
 * scores on retired criteria stay, as the score export keeps them. Who the reviewer is to the
 * proposal and its status are read inside the transaction, the proposal row locked, so a
 * proposal withdrawn a moment ago is not scored. A sheet sent again unchanged writes nothing.
 */
export async function saveScores(
  db: Db,
  actor: User,
  proposalId: string,
  entries: readonly ScoreEntryInput[],
): Promise<void> {
  const reviewerId = actor.id;
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(eq(proposals.id, proposalId))
      .for('share');
    if (!current) throw new ForbiddenError('review.refusals.notScorable');
    const target = (await findProposalTarget(tx, proposalId))!;
    const viewer = await proposalViewer(tx, target, reviewerId);
    const criteria = await activeCriteria(tx, target.challenge.id);
    const refusal = scoringRefusal(viewer, target.proposal.status, criteria.length);
    if (refusal) throw new ForbiddenError(refusal);

    const mine = and(
      eq(proposalScores.proposalId, proposalId),
      eq(proposalScores.reviewerId, reviewerId),
    );
    const previous = await tx
      .select({
        criterion: challengeCriteria.name,
        score: proposalScores.score,
        comment: proposalScores.comment,
      })
      .from(proposalScores)
      .innerJoin(challengeCriteria, eq(challengeCriteria.id, proposalScores.criterionId))
      .where(and(mine, eq(challengeCriteria.retired, false)));
    const before = asSheet(previous);
    const after = asSheet(entries);
    if (JSON.stringify(before) === JSON.stringify(after)) return;

    const now = new Date();
    for (const entry of entries) {
      await tx
        .insert(proposalScores)
        .values({
          proposalId,
          reviewerId,
          criterionId: entry.criterionId,
          score: entry.score,
          comment: entry.comment,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            proposalScores.proposalId,
            proposalScores.reviewerId,
            proposalScores.criterionId,
          ],
          set: { score: entry.score, comment: entry.comment, updatedAt: now },
          // An unchanged score keeps the date it was given.
          setWhere: or(
            sql`${proposalScores.score} <> ${entry.score}`,
            sql`${proposalScores.comment} <> ${entry.comment}`,
          ),
        });
    }
    await recordAudit(tx, {
      actorId: reviewerId,
      action: 'proposal.score',
      subjectType: 'proposal',
      subjectId: proposalId,
      organizationId: target.challenge.organizationId,
      before: previous.length > 0 ? before : null,
      after,
    });
  });
}
