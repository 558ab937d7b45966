import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  challengeCriteria,
  proposals,
  proposalScores,
  users,
  type Challenge,
} from '../../models/schema/index.ts';
import { activeCriteria } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { publicPersonColumns } from '../people/index.ts';
import { reviewedStatuses } from './permissions.ts';
import { rankProposals } from './scoring.ts';

const underReview = (challengeId: string) =>
  and(eq(proposals.challengeId, challengeId), inArray(proposals.status, reviewedStatuses));

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
    .where(underReview(challengeId))
    .orderBy(
      sql`${proposals.submittedAt} asc nulls last`,
      asc(proposals.createdAt),
      asc(proposals.id),
    );
}

/** The ranking table of a challenge: weighted totals, means per criterion, reviewers. */
export async function challengeRanking(db: Db, challenge: Pick<Challenge, 'id'>) {
  const [criteria, list, scores] = await Promise.all([
    activeCriteria(db, challenge.id),
    reviewedProposals(db, challenge.id),
    db
      .select({
        proposalId: proposalScores.proposalId,
        reviewerId: proposalScores.reviewerId,
        criterionId: proposalScores.criterionId,
        score: proposalScores.score,
      })
      .from(proposalScores)
      .innerJoin(proposals, eq(proposals.id, proposalScores.proposalId))
      .innerJoin(challengeCriteria, eq(challengeCriteria.id, proposalScores.criterionId))
      // Scores on retired criteria are kept for the export, out of the ranking.
      .where(and(underReview(challenge.id), eq(challengeCriteria.retired, false))),
  ]);
  return {
    criteria,
    rows: rankProposals(list, criteria, scores),
    reviewers: new Set(scores.map((score) => score.reviewerId)).size,
  };
}

/**
 * Every score on the challenge's proposals under review, with its proposal, reviewer and
 * criterion (retired ones included, with their position and no weight to show).
 */
export async function challengeScores(db: Db, challengeId: string) {
  return db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      reviewer: publicPersonColumns,
      criterion: challengeCriteria.name,
      criterionPosition: challengeCriteria.position,
      criterionRetired: challengeCriteria.retired,
      weight: challengeCriteria.weight,
      score: proposalScores.score,
      comment: proposalScores.comment,
      updatedAt: proposalScores.updatedAt,
    })
    .from(proposalScores)
    .innerJoin(proposals, eq(proposals.id, proposalScores.proposalId))
    .innerJoin(challengeCriteria, eq(challengeCriteria.id, proposalScores.criterionId))
    .leftJoin(users, eq(users.id, proposalScores.reviewerId))
    .where(underReview(challengeId));
}
