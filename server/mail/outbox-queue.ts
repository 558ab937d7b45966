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
               next_attempt_at = ${leasedUntil.toISOString()}::timestamptz,
               waiting_for_server = false
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

/**
 * Makes every message that waits only because the mail server was down due now, once a worker
 * has reached the server again; returns how many.
 */
export async function releaseEmailsWaitingForServer(db: Db, now: Date): Promise<number> {
  // Counted in the database: after a long outage this may be many thousands of rows.
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`WITH released AS (
          UPDATE ${outbox}
             SET next_attempt_at = ${now.toISOString()}::timestamptz, waiting_for_server = false
           WHERE ${outbox.status} = 'pending' AND ${outbox.waitingForServer}
       RETURNING 1)
        SELECT count(*)::int AS n FROM released`,
  );
  return row?.n ?? 0;
}

/** Whether some message waits for the mail server (left so by this or another process). */
export async function anyEmailWaitingForServer(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), eq(outbox.waitingForServer, true)))
    .limit(1);
  return rows.length > 0;
}
