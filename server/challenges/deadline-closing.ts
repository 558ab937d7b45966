import { and, asc, eq, lt } from 'drizzle-orm';
import { challenges, memberships } from '../../models/schema/index.ts';
import type { FeatureDeps } from '../http/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { dayInMexico } from './browse-service.ts';
import { applyTransition } from './status-change.ts';

const BATCH_SIZE = 50;
// One run closes at most this many batches; the next hourly run takes the rest.
const MAX_BATCHES = 20;

export type DeadlineDeps = Pick<FeatureDeps, 'db'>;

/**
 * Closes every open challenge whose deadline day is over in Mexico, through the status path
 * (audited with the system as actor, claims ended), and writes to its organization's members.
 * Several processes may run it at once: rows are locked and skipped, never closed twice.
 */
export async function closeChallengesPastDeadline(
  deps: DeadlineDeps,
  now: Date = new Date(),
): Promise<{ closed: number; emailed: number }> {
  const today = dayInMexico(now);
  let closed = 0;
  let emailed = 0;
  for (let round = 0; round < MAX_BATCHES; round++) {
    const batch = await deps.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(challenges)
        .where(and(eq(challenges.status, 'open'), lt(challenges.deadline, today)))
        .orderBy(asc(challenges.deadline), asc(challenges.id))
        .limit(BATCH_SIZE)
        .for('update', { skipLocked: true });
      let told = 0;
      for (const challenge of due) {
        const updated = await applyTransition(tx, null, challenge, 'close', {
          reason: 'deadline',
          deadline: challenge.deadline,
        });
        const members = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(eq(memberships.organizationId, challenge.organizationId));
        const result = await notifyUsers(
          tx,
          members.map((member) => member.userId),
          null,
          {
            kind: 'challenge_deadline',
            template: 'challenge-deadline-closed',
            data: {
              challenge: updated.title,
              deadline: updated.deadline,
              path: `/retos/${updated.slug}`,
            },
          },
        );
        told += result.immediate + result.digest;
      }
      return { count: due.length, told };
    });
    closed += batch.count;
    emailed += batch.told;
    if (batch.count < BATCH_SIZE) break;
  }
  return { closed, emailed };
}
