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
import {
  deliverDueEmails,
  startOutboxWorker,
  type OutboxDeps,
  type OutboxWorker,
} from '../../../../server/mail/outbox-worker.ts';
import { startSmtpPeer, type SmtpPeer } from '../../../support/smtp-peer.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const BASE_URL = 'https://retos.example';
// A per-message back-off far longer than any wait below: mail that goes out within the test's
// limits went out because the server came back, not because its retry came.
const RETRY_SECONDS = 600;
const WAIT_LIMIT_MS = 10_000;
const POLL_MS = 50;
const PROBE_MS = 100;

function signInEmail(address: string): EmailToSend {
  return {
    kind: 'sign_in',
    template: 'sign-in-link',
    to: { userId: null, email: address, language: 'es' },
    data: { link: `${BASE_URL}/entrar/enlace?token=tok-${address}`, minutes: 15 },
    secret: true,
  };
}

/** Polls until `done` holds, failing after WAIT_LIMIT_MS. */
async function waitFor(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > WAIT_LIMIT_MS) {
      assert.fail(`${what}: not within ${WAIT_LIMIT_MS} ms`);
    }
    await sleep(20);
  }
}

describe('the outbox worker while the mail server is down', () => {
  const translator = createTranslator();
  const logger = pino({ level: 'silent' });
  let database: Database;
  let peer: SmtpPeer;
  let config: Config;
  let mailer: Mailer;
  let probes: number;
  let deps: OutboxDeps;
  let worker: OutboxWorker | undefined;
  let peerStopped = false;
  const stopPeer = async () => {
    await peer.stop();
    peerStopped = true;
  };
  const restartPeer = async () => {
    await peer.restart();
    peerStopped = false;
  };

  before(async () => {
    database = await createTestDatabase();
    peer = await startSmtpPeer();
    config = testConfig({
      // Credentials, so that the client signs in and a refused sign-in can be tried.
      SMTP_URL: `smtp://retos:secreto@127.0.0.1:${peer.port}`,
      BASE_URL,
      MAIL_FROM: 'Retos <avisos@retos.example>',
      OUTBOX_RETRY_SECONDS: String(RETRY_SECONDS),
    });
  });
  after(async () => {
    await peer.stop();
    await database.close();
  });

  beforeEach(async () => {
    // A test that failed mid-outage leaves the server up for the next one.
    if (peerStopped) await restartPeer();
    await database.db.delete(outbox);
    peer.messages.length = 0;
    peer.rejectLogins = false;
    const real = createMailer(config, logger);
    probes = 0;
    // The app's mailer, counting the worker's checks of the server.
    mailer = {
      send: (email) => real.send(email),
      async verify() {
        probes += 1;
        await real.verify!();
      },
      close: () => real.close?.(),
    };
    deps = { db: database.db, mailer, translator, config, logger };
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    mailer.close?.();
  });

  const enqueue = (emails: EmailToSend[]) =>
    database.db.transaction((tx) => enqueueEmails(tx, emails));
  const rows = () => database.db.select().from(outbox);
  const messageIds = () => peer.messages.map((mail) => mail.messageId).sort();
  const messageIdOf = (row: OutboxMessage) => `<${row.id}@retos.example>`;

  it('sends the queued mail within seconds of the server coming back', async () => {
    await stopPeer();
    await enqueue(Array.from({ length: 30 }, (_, i) => signInEmail(`persona-${i}@example.org`)));
    worker = startOutboxWorker(deps, { pollMs: POLL_MS, probeMs: PROBE_MS });
    await waitFor('the worker checks the server again and again', () => probes >= 5);

    // Mail written during the outage waits with the rest, without anyone trying it.
    await enqueue([signInEmail('durante@example.org')]);
    worker.wake();
    await waitFor('more checks', () => probes >= 8);
    const during = await rows();
    assert.equal(during.length, 31);
    const attempts = during.map((row) => row.attempts).sort((a, b) => b - a);
    assert.deepEqual(attempts.slice(0, 2), [1, 0], 'one attempt in all, however long the outage');
    const tried = during.find((row) => row.attempts === 1)!;
    assert.equal(tried.waitingForServer, true);
    assert.match(tried.lastError ?? '', /ECONNREFUSED/);
    // Its own back-off is still the first step: without the server's return it would wait that.
    const fallbackMs = tried.nextAttemptAt.getTime() - tried.lastAttemptAt!.getTime();
    assert.ok(fallbackMs >= RETRY_SECONDS * 1000 && fallbackMs < (RETRY_SECONDS + 10) * 1000);

    await restartPeer();
    await waitFor('every email delivered', () => peer.messages.length >= 31);
    await waitFor('every row marked sent', async () =>
      (await rows()).every((row) => row.status === 'sent'),
    );
    const sent = await rows();
    assert.deepEqual(messageIds(), sent.map(messageIdOf).sort(), 'each email once');
    assert.ok(sent.every((row) => row.attempts === (row.id === tried.id ? 2 : 1)));
    assert.ok(sent.every((row) => !row.waitingForServer));
  });

  it('treats a refused sign-in as the server being down, not the message failing', async () => {
    peer.rejectLogins = true;
    await enqueue([signInEmail('uno@example.org'), signInEmail('dos@example.org')]);
    assert.deepEqual(await deliverDueEmails(deps), { sent: 0, retrying: 1, failed: 0 });
    const [tried] = (await rows()).filter((row) => row.attempts === 1);
    assert.match(tried!.lastError ?? '', /535/);
    assert.equal(tried!.status, 'pending', 'a 535 at sign-in says nothing about the message');
    assert.equal(tried!.waitingForServer, true);

    worker = startOutboxWorker(deps, { pollMs: POLL_MS, probeMs: PROBE_MS });
    await waitFor('the worker checks the server', () => probes >= 3);
    assert.equal(peer.messages.length, 0);
    peer.rejectLogins = false;
    await waitFor('both delivered', () => peer.messages.length === 2);
    await waitFor('both marked sent', async () =>
      (await rows()).every((row) => row.status === 'sent'),
    );
  });

  it('checks the server first when it starts with mail left waiting by another process', async () => {
    await enqueue([signInEmail('esperando@example.org')]);
    const [row] = await rows();
    // As a process that died during an outage left it: waiting, its fallback retry far off.
    const farOff = new Date(Date.now() + 60 * 60 * 1000);
    await database.db
      .update(outbox)
      .set({
        attempts: 1,
        waitingForServer: true,
        nextAttemptAt: farOff,
        lastError: 'ECONNREFUSED',
      })
      .where(eq(outbox.id, row!.id));

    worker = startOutboxWorker(deps, { pollMs: POLL_MS, probeMs: PROBE_MS });
    await waitFor('the waiting email delivered', () => peer.messages.length === 1);
    assert.deepEqual(messageIds(), [messageIdOf(row!)]);
    assert.ok(probes >= 1, 'after checking the server');
  });
});
