import { count, eq, sql } from 'drizzle-orm';
import { challenges, organizations } from '../../models/schema/index.ts';
import { latestChallengeCards } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';

/** What the home page shows: open challenges, recent solutions and a few public counts. */
export async function homePageContent(db: Db) {
  const [openChallenges, solvedChallenges, totals] = await Promise.all([
    latestChallengeCards(db, 'open', 6),
    latestChallengeCards(db, 'solved', 3),
    db
      .select({
        open: count(sql`CASE WHEN ${challenges.status} = 'open' THEN 1 END`),
        solved: count(sql`CASE WHEN ${challenges.status} = 'solved' THEN 1 END`),
        organizations: sql<number>`(SELECT count(*)::int FROM ${organizations})`,
      })
      .from(challenges)
      .where(eq(challenges.archived, false)),
  ]);
  const counts = totals[0] ?? { open: 0, solved: 0, organizations: 0 };
  return { openChallenges, solvedChallenges, counts };
}
