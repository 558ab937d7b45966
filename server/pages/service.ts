import { sql } from 'drizzle-orm';
import { challenges, organizations } from '../../models/schema/index.ts';
import { latestChallengeCards } from '../challenges/index.ts';
import { queryRows, type Db } from '../db/index.ts';

type HomeCounts = { open: number; solved: number; organizations: number };

// Each count reads one status's entries of the listing index, not the whole table.
const listedWithStatus = (status: 'open' | 'solved') =>
  sql`(SELECT count(*)::int FROM ${challenges} WHERE ${challenges.archived} = false AND ${challenges.status} = ${status})`;

/** What the home page shows: open challenges, recent solutions and a few public counts. */
export async function homePageContent(db: Db) {
  const [openChallenges, solvedChallenges, totals] = await Promise.all([
    latestChallengeCards(db, 'open', 6),
    latestChallengeCards(db, 'solved', 3),
    queryRows<HomeCounts>(
      db,
      sql`SELECT ${listedWithStatus('open')} AS open, ${listedWithStatus('solved')} AS solved, (SELECT count(*)::int FROM ${organizations}) AS organizations`,
    ),
  ]);
  const counts = totals[0] ?? { open: 0, solved: 0, organizations: 0 };
  return { openChallenges, solvedChallenges, counts };
}
