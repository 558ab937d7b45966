import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { proposals, proposalScores, users, type Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { publicPersonColumns } from '../people/index.ts';
import { reviewedStatuses } from './permissions.ts';
import { rankProposals, scoringCriteria } from './scoring.ts';

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
      .where(underReview(challenge.id)),
  ]);
  return {
    criteria: scoringCriteria(challenge.criteria),
    rows: rankProposals(list, challenge.criteria, scores),
    reviewers: new Set(scores.map((score) => score.reviewerId)).size,
  };
}

/** Every score on the challenge's proposals under review, with its proposal and reviewer. */
export async function challengeScores(db: Db, challengeId: string) {
  return db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      reviewer: publicPersonColumns,
      criterion: proposalScores.criterion,
      score: proposalScores.score,
      comment: proposalScores.comment,
      updatedAt: proposalScores.updatedAt,
    })
    .from(proposalScores)
    .innerJoin(proposals, eq(proposals.id, proposalScores.proposalId))
    .leftJoin(users, eq(users.id, proposalScores.reviewerId))
    .where(underReview(challengeId));
}
