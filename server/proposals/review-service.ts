import { and, asc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import {
  proposals,
  proposalScores,
  users,
  type Challenge,
  type ProposalStatus,
} from '../../models/schema/index.ts';
import { displayName, publicPersonColumns } from '../people/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import type { Translate } from '../i18n/index.ts';
import type { ScoreEntryInput } from './review-forms.ts';
import { rankProposals, scoringCriteria } from './scoring.ts';
import type { ProposalTarget, ProposalViewer } from './team-queries.ts';

/** Proposals that take part in the review: everything sent, except what the team took back. */
export const reviewedStatuses = [
  'submitted',
  'accepted',
  'declined',
  'in_progress',
  'delivered',
  'adopted',
] as const satisfies readonly ProposalStatus[];

const isReviewed = (status: ProposalStatus) =>
  (reviewedStatuses as readonly ProposalStatus[]).includes(status);

/**
 * Why the viewer may not score this proposal, as a translation key; undefined when they may.
 * Any member of the posting organization reviews, except on a proposal whose team they are on.
 */
export function scoringRefusal(
  viewer: ProposalViewer,
  status: ProposalStatus,
  criteriaCount: number,
): string | undefined {
  if (!viewer.isChallengeMember) return 'review.refusals.notReviewer';
  if (viewer.isTeamMember) return 'review.refusals.ownProposal';
  if (!isReviewed(status)) return 'review.refusals.notScorable';
  if (criteriaCount === 0) return 'review.refusals.noCriteria';
  return undefined;
}

/** The viewer's own scores on a proposal, by criterion. */
export async function reviewerScores(db: Db, proposalId: string, reviewerId: string) {
  const rows = await db
    .select({
      criterion: proposalScores.criterion,
      score: proposalScores.score,
      comment: proposalScores.comment,
    })
    .from(proposalScores)
    .where(
      and(eq(proposalScores.proposalId, proposalId), eq(proposalScores.reviewerId, reviewerId)),
    );
  return new Map(rows.map((row) => [row.criterion, { score: row.score, comment: row.comment }]));
}

/**
 * Saves a reviewer's sheet: one score per current criterion, replacing their earlier ones, and
 * dropping their scores on criteria the challenge no longer has. The audit event keeps the sheet
 * before and after; a sheet sent again unchanged writes nothing.
 */
export async function saveScores(
  db: Db,
  viewer: ProposalViewer & { userId: string },
  target: ProposalTarget,
  entries: readonly ScoreEntryInput[],
): Promise<void> {
  const criteria = scoringCriteria(target.challenge.criteria);
  const refusal = scoringRefusal(viewer, target.proposal.status, criteria.length);
  if (refusal) throw new ForbiddenError(refusal);
  const reviewerId = viewer.userId;
  await db.transaction(async (tx) => {
    // Read the status again under a lock: a proposal withdrawn a moment ago is not scored.
    const [current] = await tx
      .select({ status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, target.proposal.id))
      .for('share');
    if (!current || !isReviewed(current.status))
      throw new ForbiddenError('review.refusals.notScorable');
    const mine = and(
      eq(proposalScores.proposalId, target.proposal.id),
      eq(proposalScores.reviewerId, reviewerId),
    );
    const previous = await tx
      .select({
        criterion: proposalScores.criterion,
        score: proposalScores.score,
        comment: proposalScores.comment,
      })
      .from(proposalScores)
      .where(mine)
      .orderBy(asc(proposalScores.criterion));
    const sheet = (rows: readonly { criterion: string; score: number; comment: string }[]) =>
      Object.fromEntries(
        [...rows]
          .sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0))
          .map((row) => [row.criterion, { score: row.score, comment: row.comment }]),
      );
    const before = sheet(previous);
    const after = sheet(entries);
    if (JSON.stringify(before) === JSON.stringify(after)) return;

    const now = new Date();
    await tx.delete(proposalScores).where(
      and(
        mine,
        notInArray(
          proposalScores.criterion,
          entries.map((entry) => entry.criterion),
        ),
      ),
    );
    for (const entry of entries) {
      await tx
        .insert(proposalScores)
        .values({
          proposalId: target.proposal.id,
          reviewerId,
          criterion: entry.criterion,
          score: entry.score,
          comment: entry.comment,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [proposalScores.proposalId, proposalScores.reviewerId, proposalScores.criterion],
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
      subjectId: target.proposal.id,
      organizationId: target.challenge.organizationId,
      before: previous.length > 0 ? before : null,
      after,
    });
  });
}

/** The challenge's proposals under review, in the order they were sent. */
async function reviewedProposals(db: Db, challengeId: string) {
  return db
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      leadId: proposals.leadId,
      submittedAt: proposals.submittedAt,
    })
    .from(proposals)
    .where(and(eq(proposals.challengeId, challengeId), inArray(proposals.status, reviewedStatuses)))
    .orderBy(
      sql`${proposals.submittedAt} asc nulls last`,
      asc(proposals.createdAt),
      asc(proposals.id),
    );
}

/** The ranking table of a challenge: weighted totals, means per criterion, reviewers. */
export async function challengeRanking(db: Db, challenge: Pick<Challenge, 'id' | 'criteria'>) {
  const [list, scores] = await Promise.all([
    reviewedProposals(db, challenge.id),
    db
      .select({
        proposalId: proposalScores.proposalId,
        reviewerId: proposalScores.reviewerId,
        criterion: proposalScores.criterion,
        score: proposalScores.score,
      })
      .from(proposalScores)
      .innerJoin(proposals, eq(proposals.id, proposalScores.proposalId))
      .where(
        and(eq(proposals.challengeId, challenge.id), inArray(proposals.status, reviewedStatuses)),
      ),
  ]);
  return {
    criteria: scoringCriteria(challenge.criteria),
    rows: rankProposals(list, challenge.criteria, scores),
    reviewers: new Set(scores.map((score) => score.reviewerId)).size,
  };
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) starts with an
 * apostrophe instead: proposal titles and comments are typed by other people.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

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
 * Every score on the challenge's proposals under review, one row each: by proposal title,
 * reviewer name, then the criteria's order. A score on a criterion the challenge no longer has
 * is kept, with no weight.
 */
export async function scoreExportRows(
  db: Db,
  challenge: Pick<Challenge, 'id' | 'criteria'>,
  t: Translate,
): Promise<Record<(typeof scoreExportColumns)[number], string | number>[]> {
  const criteria = scoringCriteria(challenge.criteria);
  const order = new Map(criteria.map((criterion, index) => [criterion.name, index]));
  const rows = await db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      reviewer: publicPersonColumns,
      reviewerId: users.id,
      criterion: proposalScores.criterion,
      score: proposalScores.score,
      comment: proposalScores.comment,
      updatedAt: proposalScores.updatedAt,
    })
    .from(proposalScores)
    .innerJoin(proposals, eq(proposals.id, proposalScores.proposalId))
    .leftJoin(users, eq(users.id, proposalScores.reviewerId))
    .where(
      and(eq(proposals.challengeId, challenge.id), inArray(proposals.status, reviewedStatuses)),
    );
  const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
  const named = rows.map((row) => ({
    ...row,
    reviewerName: displayName(row.reviewerId ? row.reviewer : null, t),
  }));
  named.sort(
    (a, b) =>
      collator.compare(a.title, b.title) ||
      a.proposalId.localeCompare(b.proposalId) ||
      collator.compare(a.reviewerName, b.reviewerName) ||
      (a.reviewerId ?? '').localeCompare(b.reviewerId ?? '') ||
      (order.get(a.criterion) ?? Infinity) - (order.get(b.criterion) ?? Infinity) ||
      a.criterion.localeCompare(b.criterion),
  );
  return named.map((row) => ({
    proposal_id: row.proposalId,
    proposal: spreadsheetSafe(row.title),
    reviewer: spreadsheetSafe(row.reviewerName),
    criterion: spreadsheetSafe(row.criterion),
    weight: criteria[order.get(row.criterion) ?? -1]?.weight ?? '',
    score: row.score,
    comment: spreadsheetSafe(row.comment),
    date: row.updatedAt.toISOString(),
  }));
}
