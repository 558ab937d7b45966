import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { outbox } from '../../../../models/schema/index.ts';
import { openDatabase, type Database } from '../../../../server/db/database.ts';
import { queryRows } from '../../../../server/db/query-rows.ts';
import { takeDueEmails } from '../../../../server/mail/outbox-queue.ts';
import { createTestDatabase, testDatabaseUrl, withDatabase } from '../../../support/test-db.ts';

const DUE = 600;
const BATCH = 20;
const LEASE_MS = 5 * 60 * 1000;

describe('taking due emails from the outbox', () => {
  let database: Database;

  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  beforeEach(() => database.db.delete(outbox));

  /** `n` pending messages, due one second apart before `now`, then fresh planner statistics. */
  async function fillOutbox(n: number, now: Date) {
    const rows = Array.from({ length: n }, (_, i) => ({
      kind: 'sign_in',
      template: 'sign-in-link',
      toAddress: `persona-${i}@example.org`,
      language: 'es',
      data: { link: `https://retos.example/entrar/enlace?token=t-${i}`, minutes: 15 },
      nextAttemptAt: new Date(now.getTime() - (n - i) * 1000),
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await database.db.insert(outbox).values(rows.slice(i, i + 200));
    }
    await queryRows(database.db, sql`ANALYZE outbox`);
  }

  /** Rows leased by a take at `now`: their next attempt moved past it. */
  async function leasedCount(now: Date): Promise<number> {
    const [row] = await database.db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), gt(outbox.nextAttemptAt, now)));
    return row!.n;
  }

  it('leases exactly one batch, the oldest due rows, however many are due', async () => {
    const now = new Date();
    await fillOutbox(DUE, now);
    const taken = await takeDueEmails(database.db, { batchSize: BATCH, leaseMs: LEASE_MS, now });
    assert.equal(taken.length, BATCH);
    assert.equal(await leasedCount(now), BATCH, 'no row is leased beyond the batch');
    assert.deepEqual(
      taken.map((row) => row.toAddress).sort(),
      Array.from({ length: BATCH }, (_, i) => `persona-${i}@example.org`).sort(),
    );
    for (const row of taken) {
      assert.equal(row.attempts, 1);
      assert.equal(row.lastAttemptAt?.getTime(), now.getTime());
      assert.equal(row.nextAttemptAt.getTime(), now.getTime() + LEASE_MS);
    }

    // The next take gets the next batch, not the leased one.
    const next = await takeDueEmails(database.db, { batchSize: BATCH, leaseMs: LEASE_MS, now });
    assert.equal(next.length, BATCH);
    assert.equal(await leasedCount(now), 2 * BATCH);
    const first = new Set(taken.map((row) => row.id));
    assert.ok(next.every((row) => !first.has(row.id)));
  });

  it('takes nothing that is not due yet, and nothing that is not pending', async () => {
    const now = new Date();
    await fillOutbox(3, new Date(now.getTime() + 10_000));
    const [sent] = await database.db
      .select({ id: outbox.id })
      .from(outbox)
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(1);
    await database.db
      .update(outbox)
      .set({ status: 'sent', nextAttemptAt: new Date(now.getTime() - 60_000) })
      .where(eq(outbox.id, sent!.id));
    const taken = await takeDueEmails(database.db, { batchSize: BATCH, leaseMs: LEASE_MS, now });
    // Three rows: one sent (though "due"), and two due 8 and 9 seconds after now.
    assert.deepEqual(taken, []);
    const later = new Date(now.getTime() + 9_000);
    const due = await takeDueEmails(database.db, {
      batchSize: BATCH,
      leaseMs: LEASE_MS,
      now: later,
    });
    assert.equal(due.length, 2);
    assert.ok(due.every((row) => row.id !== sent!.id));
  });

  it('never gives the same row to two takes running at once', async () => {
    // On PostgreSQL the other takers get a pool of their own, as other processes would.
    let other: Database | undefined;
    if (database.driver === 'postgres') {
      const [current] = await queryRows<{ name: string }>(
        database.db,
        sql`SELECT current_database() AS name`,
      );
      other = await openDatabase({
        kind: 'postgres',
        url: withDatabase(testDatabaseUrl!, current!.name),
        poolSize: 4,
      });
      await other.ping();
    }
    try {
      const now = new Date();
      await fillOutbox(DUE, now);
      const batch = 7;
      const takes: string[][] = [];
      // Each taker takes until nothing is due, marking what it took sent as a worker would.
      const taker = async (db: Database['db']) => {
        for (;;) {
          const taken = await takeDueEmails(db, { batchSize: batch, leaseMs: LEASE_MS, now });
          if (taken.length === 0) return;
          takes.push(taken.map((row) => row.id));
          await db
            .update(outbox)
            .set({ status: 'sent' })
            .where(
              inArray(
                outbox.id,
                taken.map((row) => row.id),
              ),
            );
        }
      };
      const dbs = [database.db, (other ?? database).db];
      await Promise.all([0, 1, 2, 3].map((i) => taker(dbs[i % 2]!)));

      const ids = takes.flat();
      assert.equal(ids.length, DUE, 'every row was taken');
      assert.equal(new Set(ids).size, DUE, 'and none twice');
      assert.ok(takes.every((taken) => taken.length <= batch));
      const [attempted] = await database.db
        .select({ n: count() })
        .from(outbox)
        .where(and(eq(outbox.status, 'sent'), eq(outbox.attempts, 1)));
      assert.equal(attempted!.n, DUE, 'each row was leased by one take only');
    } finally {
      await other?.close();
    }
  });
});
