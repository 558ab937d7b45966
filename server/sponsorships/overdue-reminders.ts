import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { challenges, organizations, sponsorships } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { dayInMexico } from '../lib/index.ts';
import { queuePledgeChangeEmails } from './notify.ts';

const BATCH_SIZE = 50;
// One run reminds at most this many batches; the next hourly run takes the rest.
const MAX_BATCHES = 20;

/**
 * Writes once to the members of each office whose pledge is past its promised day in Mexico
 * with nothing delivered (until the day is amended). Runs hourly; several processes may run it
 * at once: rows are locked and skipped, never reminded twice.
 */
export async function remindOverduePledges(
  deps: { db: Db },
  now: Date = new Date(),
): Promise<{ reminded: number; emailed: number }> {
  const today = dayInMexico(now);
  let reminded = 0;
  let emailed = 0;
  for (let round = 0; round < MAX_BATCHES; round++) {
    const batch = await deps.db.transaction(async (tx) => {
      const due = await tx
        .select({
          sponsorship: sponsorships,
          challenge: challenges,
          officeName: organizations.name,
        })
        .from(sponsorships)
        .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
        .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
        .where(
          and(
            eq(sponsorships.status, 'pledged'),
            lt(sponsorships.dueOn, today),
            isNull(sponsorships.overdueRemindedAt),
          ),
        )
        .orderBy(asc(sponsorships.dueOn), asc(sponsorships.id))
        .limit(BATCH_SIZE)
        .for('update', { of: sponsorships, skipLocked: true });
      let told = 0;
      for (const pledge of due) {
        await tx
          .update(sponsorships)
          .set({ overdueRemindedAt: now })
          .where(eq(sponsorships.id, pledge.sponsorship.id));
        told += await queuePledgeChangeEmails(tx, pledge, 'overdue', null);
      }
      return { count: due.length, told };
    });
    reminded += batch.count;
    emailed += batch.told;
    if (batch.count < BATCH_SIZE) break;
  }
  return { reminded, emailed };
}
