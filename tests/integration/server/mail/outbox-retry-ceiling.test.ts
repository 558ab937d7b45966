import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { outbox } from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/database.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';
import type { Mailer } from '../../../../server/mail/mailer.ts';
import { enqueueEmails } from '../../../../server/mail/outbox.ts';
import { deliverDueEmails } from '../../../../server/mail/outbox-worker.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('a message that has failed many times', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('is tried again within six hours, however many attempts it has had', async () => {
    const config = testConfig({ OUTBOX_MAX_ATTEMPTS: '50', OUTBOX_RETRY_SECONDS: '3600' });
    // A refusal about this one message (a full mailbox): it waits its own back-off.
    const mailer: Mailer = {
      send: async () => {
        throw Object.assign(new Error('452 mailbox full'), { responseCode: 452 });
      },
    };
    const deps = {
      db: database.db,
      mailer,
      translator: createTranslator(),
      config,
      logger: pino({ level: 'silent' }),
    };
    await database.db.transaction((tx) =>
      enqueueEmails(tx, [
        {
          kind: 'sign_in',
          template: 'sign-in-link',
          to: { userId: null, email: 'lleno@example.org', language: 'es' },
          data: { link: 'https://retos.example/entrar/enlace?token=x', minutes: 15 },
          secret: true,
        },
      ]),
    );
    for (const attempts of [20, 40, 48]) {
      await database.db
        .update(outbox)
        .set({ attempts, nextAttemptAt: new Date(0), status: 'pending' })
        .where(eq(outbox.toAddress, 'lleno@example.org'));
      const now = new Date();
      assert.deepEqual(await deliverDueEmails(deps, { now: () => now }), {
        sent: 0,
        retrying: 1,
        failed: 0,
      });
      const [row] = await database.db
        .select()
        .from(outbox)
        .where(eq(outbox.toAddress, 'lleno@example.org'));
      assert.equal(row!.status, 'pending');
      assert.equal(row!.attempts, attempts + 1);
      const wait = row!.nextAttemptAt.getTime() - now.getTime();
      assert.equal(wait, 6 * HOUR_MS, `after ${attempts + 1} attempts`);
    }
  });
});
