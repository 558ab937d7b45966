import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { outbox, type OutboxMessage } from '../../../../models/schema/index.ts';
import type { Config } from '../../../../server/config.ts';
import type { Database } from '../../../../server/db/database.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';
import { createMailer, type Mailer } from '../../../../server/mail/mailer.ts';
import { enqueueEmails, type EmailToSend } from '../../../../server/mail/outbox.ts';
import { deliverDueEmails, type OutboxDeps } from '../../../../server/mail/outbox-worker.ts';
import { startSmtpPeer, type SmtpPeer } from '../../../support/smtp-peer.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const BASE_URL = 'https://retos.example';
const HOUR_MS = 60 * 60 * 1000;
const LEASE_MS = 5 * 60 * 1000;

function signInEmail(address: string): EmailToSend {
  return {
    kind: 'sign_in',
    template: 'sign-in-link',
    to: { userId: null, email: address, language: 'es' },
    data: { link: `${BASE_URL}/entrar/enlace?token=tok-${address}`, minutes: 15 },
    secret: true,
  };
}

describe('retrying one message', () => {
  const translator = createTranslator();
  const logger = pino({ level: 'silent' });
  let database: Database;
  let peer: SmtpPeer;
  let config: Config;
  let mailer: Mailer;
  let deps: OutboxDeps;

  before(async () => {
    database = await createTestDatabase();
    peer = await startSmtpPeer();
    config = testConfig({
      SMTP_URL: peer.url,
      BASE_URL,
      MAIL_FROM: 'Retos <avisos@retos.example>',
      // Enough attempts and a long enough first wait to reach the six-hour ceiling.
      OUTBOX_MAX_ATTEMPTS: '8',
      OUTBOX_RETRY_SECONDS: String(HOUR_MS / 1000),
    });
  });
  after(async () => {
    await peer.stop();
    await database.close();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
    peer.messages.length = 0;
    mailer = createMailer(config, logger);
    deps = { db: database.db, mailer, translator, config, logger };
  });
  afterEach(() => mailer.close?.());

  const enqueue = (emails: EmailToSend[]) =>
    database.db.transaction((tx) => enqueueEmails(tx, emails));
  const rowTo = async (address: string): Promise<OutboxMessage> =>
    (await database.db.select().from(outbox).where(eq(outbox.toAddress, address)))[0]!;

  it('backs off a refused recipient on its own, doubling to six hours, while others go out', async () => {
    const refused = 'buzon-lleno@example.org';
    peer.rejectRecipient(refused, 452);
    try {
      await enqueue([signInEmail(refused), signInEmail('ana@example.org')]);
      let at = new Date();
      // The refusal is about one message: the run goes on and the other one is sent.
      assert.deepEqual(await deliverDueEmails(deps, { now: () => at }), {
        sent: 1,
        retrying: 1,
        failed: 0,
      });
      const waits: number[] = [];
      for (let attempt = 1; ; attempt += 1) {
        const row = await rowTo(refused);
        assert.equal(row.attempts, attempt);
        assert.match(row.lastError ?? '', /452/);
        assert.equal(row.waitingForServer, false, 'the server is up: this is the message');
        if (attempt === 8) {
          assert.equal(row.status, 'failed');
          break;
        }
        waits.push(row.nextAttemptAt.getTime() - at.getTime());
        at = row.nextAttemptAt;
        await deliverDueEmails(deps, { now: () => at });
      }
      const h = HOUR_MS;
      assert.deepEqual(waits, [h, 2 * h, 4 * h, 6 * h, 6 * h, 6 * h, 6 * h]);
      assert.deepEqual(
        peer.messages.map((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text),
        ['ana@example.org'],
      );
    } finally {
      peer.rejectRecipient(refused, null);
    }
  });

  it('sends a message again after a crash during its send, with the same Message-ID', async () => {
    await enqueue([signInEmail('dos-veces@example.org')]);
    const row = await rowTo('dos-veces@example.org');
    // Worker A hands the message to the server, then dies before it can record the delivery.
    let delivered = false;
    const dying: Mailer = {
      async send(email) {
        await mailer.send(email);
        delivered = true;
        await new Promise(() => {});
      },
    };
    const t0 = new Date();
    void deliverDueEmails({ ...deps, mailer: dying }, { now: () => t0, leaseMs: LEASE_MS });
    const started = Date.now();
    while (!delivered) {
      assert.ok(Date.now() - started < 10_000, 'worker A sent the message');
      await sleep(10);
    }
    // Worker B finds the lease over, and sends the message again: at least once, never lost.
    const afterLease = new Date(t0.getTime() + LEASE_MS + 1_000);
    assert.deepEqual(await deliverDueEmails(deps, { now: () => afterLease }), {
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    assert.equal(peer.messages.length, 2);
    const ids = peer.messages.map((mail) => mail.messageId);
    assert.deepEqual(ids, [`<${row.id}@retos.example>`, `<${row.id}@retos.example>`]);
    const sent = await rowTo('dos-veces@example.org');
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
  });
});
