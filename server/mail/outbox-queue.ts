import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { outbox, type OutboxMessage } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { queryRows } from '../db/index.ts';

export interface Take {
  batchSize: number;
  /** How long the taken rows stay out of every other worker's reach. */
  leaseMs: number;
  now: Date;
}

/**
 * Leases up to `batchSize` due messages in one statement. The rows are chosen in a MATERIALIZED
 * CTE, run exactly once: inside `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` the planner may
 * re-run the subquery and lease several batches at once. SKIP LOCKED lets other workers take
 * other rows at the same moment; moving next_attempt_at past the lease keeps the taken rows from
 * everyone else once the statement commits.
 */
export async function takeDueEmails(db: Db, take: Take): Promise<OutboxMessage[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, take.now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(take.batchSize)
    .for('update', { skipLocked: true });
  const leasedUntil = new Date(take.now.getTime() + take.leaseMs);
  const taken = await queryRows<{ id: string }>(
    db,
    sql`WITH due AS MATERIALIZED (${due})
        UPDATE ${outbox}
           SET attempts = attempts + 1,
               last_attempt_at = ${take.now.toISOString()}::timestamptz,
               next_attempt_at = ${leasedUntil.toISOString()}::timestamptz
          FROM due
         WHERE ${outbox.id} = due.id AND ${outbox.status} = 'pending'
     RETURNING ${outbox.id} AS id`,
  );
  if (taken.length === 0) return [];
  // The lease keeps these rows ours, so reading them in a second statement is safe.
  return db
    .select()
    .from(outbox)
    .where(
      inArray(
        outbox.id,
        taken.map((row) => row.id),
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
}

/** Messages taken but not tried (a slow or absent server): due again, no attempt counted. */
export async function giveBackEmails(db: Db, rows: OutboxMessage[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} - 1`, nextAttemptAt: now })
    .where(
      and(
        inArray(
          outbox.id,
          rows.map((row) => row.id),
        ),
        eq(outbox.status, 'pending'),
      ),
    );
}
