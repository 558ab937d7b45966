import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inArray } from 'drizzle-orm';
import { outbox, type OutboxStatus } from '../../../../models/schema/index.ts';
import { deleteOldOutboxRows } from '../../../../server/mail/outbox.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('outbox retention', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('forgets delivered emails after 90 days and keeps everything still to do', async () => {
    const db = test.database.db;
    const old = new Date(Date.now() - 91 * DAY_MS);
    const recent = new Date(Date.now() - 89 * DAY_MS);
    const row = (status: OutboxStatus, createdAt: Date) => ({
      kind: 'claim',
      template: 'claim-expired',
      toAddress: `${status}-${createdAt.getTime()}@example.org`,
      language: 'es',
      data: {},
      status,
      createdAt,
    });
    const statuses: OutboxStatus[] = ['sent', 'digested', 'failed', 'pending', 'digest'];
    const rows = await db
      .insert(outbox)
      .values(statuses.flatMap((status) => [row(status, old), row(status, recent)]))
      .returning();
    await deleteOldOutboxRows(db);
    const left = await db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
      );
    const gone = rows.filter((r) => !left.some((l) => l.id === r.id));
    assert.deepEqual(
      gone.map((r) => r.status).sort(),
      ['digested', 'sent'],
      'only old delivered rows go',
    );
    assert.ok(gone.every((r) => r.createdAt.getTime() === old.getTime()));
  });
});
