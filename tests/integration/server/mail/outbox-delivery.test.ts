import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import Handlebars from 'handlebars';
import type { ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { outbox, type OutboxMessage, type User } from '../../../../models/schema/index.ts';
import type { Config } from '../../../../server/config.ts';
import { openDatabase, type Database } from '../../../../server/db/database.ts';
import { queryRows } from '../../../../server/db/query-rows.ts';
import { createTranslator, type Language } from '../../../../server/i18n/index.ts';
import { createMailer, type Mailer } from '../../../../server/mail/mailer.ts';
import { enqueueEmails, type EmailToSend } from '../../../../server/mail/outbox.ts';
import {
  deliverDueEmails,
  type DeliveryReport,
  type OutboxDeps,
} from '../../../../server/mail/outbox-worker.ts';
import { unsubscribeUrl } from '../../../../server/mail/unsubscribe-token.ts';
import { makeUser } from '../../../support/factories.ts';
import { startSmtpPeer, type SmtpPeer } from '../../../support/smtp-peer.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase, testDatabaseUrl, withDatabase } from '../../../support/test-db.ts';

const BASE_URL = 'https://retos.example';
const RETRY_MS = 60_000;
const MAX_ATTEMPTS = 4;
const NOTHING: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };

function signInEmail(address: string, language: Language): EmailToSend {
  return {
    kind: 'sign_in',
    template: 'sign-in-link',
    to: { userId: null, email: address, language },
    data: { link: `${BASE_URL}/entrar/enlace?token=tok-${address}`, minutes: 15 },
    secret: true,
  };
}

function claimExpiredEmail(user: User): EmailToSend {
  return {
    kind: 'claim',
    template: 'claim-expired',
    to: { userId: user.id, email: user.email!, language: user.locale },
    data: { challenge: 'Huertos urbanos', days: 14, link: `${BASE_URL}/retos/huertos-urbanos` },
  };
}

/** A header as written on the wire (unfolded), or undefined when the message has none. */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line?.replace(/\r?\n(?=[ \t])/g, '').replace(/^[^:]+:\s*/, '');
}

function recipientsOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((list) => list.value.map((address) => address.address ?? ''));
}

/** How many times the peer received each Message-ID. */
function receivedCounts(peer: SmtpPeer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of peer.messages) {
    counts.set(mail.messageId ?? '', (counts.get(mail.messageId ?? '') ?? 0) + 1);
  }
  return counts;
}

const messageIdOf = (row: OutboxMessage) => `<${row.id}@retos.example>`;

describe('outbox delivery to a real SMTP server', () => {
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
      OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      OUTBOX_RETRY_SECONDS: String(RETRY_MS / 1000),
    });
  });
  after(async () => {
    await peer.stop();
    await database.close();
  });

  beforeEach(async () => {
    // Each test starts from an empty outbox and a peer that accepts everything at once.
    await database.db.delete(outbox);
    peer.messages.length = 0;
    peer.refused = 0;
    peer.delayMs = 0;
    peer.reject(null);
    mailer = createMailer(config, logger);
    deps = { db: database.db, mailer, translator, config, logger };
  });
  afterEach(() => mailer.close?.());

  const enqueue = (emails: EmailToSend[]) =>
    database.db.transaction((tx) => enqueueEmails(tx, emails));
  const outboxRows = () =>
    database.db.select().from(outbox).orderBy(asc(outbox.createdAt), asc(outbox.id));
  const rowOf = async (id: string) =>
    (await database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

  it('delivers each message in its recipient language, with one-click unsubscribe when optional', async () => {
    const ana = await makeUser(database.db, { locale: 'es' });
    const bob = await makeUser(database.db, { locale: 'en' });
    await enqueue([
      signInEmail(ana.email!, 'es'),
      signInEmail(bob.email!, 'en'),
      claimExpiredEmail(bob),
    ]);
    const rows = await outboxRows();
    assert.equal(rows.length, 3);

    assert.deepEqual(await deliverDueEmails(deps), { sent: 3, retrying: 0, failed: 0 });
    assert.equal(peer.messages.length, 3);
    const received = (row: OutboxMessage) => {
      const mail = peer.messages.find((message) => message.messageId === messageIdOf(row));
      assert.ok(mail, `no message with Message-ID ${messageIdOf(row)}`);
      return mail;
    };
    const rowFor = (to: string, template: string) =>
      rows.find((row) => row.toAddress === to && row.template === template)!;
    const spanishSignIn = received(rowFor(ana.email!, 'sign-in-link'));
    const englishSignIn = received(rowFor(bob.email!, 'sign-in-link'));
    const claim = received(rowFor(bob.email!, 'claim-expired'));

    const signIns = [
      { mail: spanishSignIn, to: ana.email!, subject: 'Tu enlace para entrar a Retos', lang: 'es' },
      { mail: englishSignIn, to: bob.email!, subject: 'Your link to sign in to Retos', lang: 'en' },
    ];
    for (const { mail, to, subject, lang } of signIns) {
      const link = `${BASE_URL}/entrar/enlace?token=tok-${to}`;
      assert.equal(mail.subject, subject);
      assert.deepEqual(recipientsOf(mail), [to]);
      assert.match(mail.html || '', new RegExp(`<html lang="${lang}">`));
      assert.ok(mail.text?.includes(link), 'the link is in the text part');
      assert.ok(
        (mail.html || '').includes(`href="${Handlebars.Utils.escapeExpression(link)}"`),
        'the link is in the HTML part',
      );
      // A sign-in link is essential: nothing to unsubscribe from.
      assert.equal(rawHeader(mail, 'List-Unsubscribe'), undefined);
      assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), undefined);
      assert.doesNotMatch(`${mail.text}${mail.html || ''}`, /avisos\/baja/);
    }

    const unsubscribe = unsubscribeUrl(config, bob.id, 'claim');
    assert.match(unsubscribe, /^https:\/\/retos\.example\/avisos\/baja\/[\w.-]+$/);
    assert.equal(claim.subject, 'Your claim on “Huertos urbanos” expired');
    assert.match(claim.html || '', /<html lang="en">/);
    assert.ok(claim.text?.includes(`${BASE_URL}/retos/huertos-urbanos`));
    assert.ok((claim.html || '').includes(`href="${BASE_URL}/retos/huertos-urbanos"`));
    assert.equal(rawHeader(claim, 'List-Unsubscribe'), `<${unsubscribe}>`);
    assert.equal(rawHeader(claim, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(claim.text?.includes(unsubscribe), 'the unsubscribe URL is in the text part');
    assert.ok((claim.html || '').includes(`href="${unsubscribe}"`), 'and in the HTML part');

    for (const row of await outboxRows()) {
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.ok(row.sentAt);
    }
  });

  it('keeps every message while the SMTP server is down and sends each once when it is back', async () => {
    await peer.stop();
    await enqueue([
      signInEmail('uno@example.org', 'es'),
      signInEmail('dos@example.org', 'en'),
      claimExpiredEmail(await makeUser(database.db, { locale: 'es' })),
    ]);

    // The first refused connection says the server is down: the other messages are not tried.
    assert.deepEqual(await deliverDueEmails(deps), { sent: 0, retrying: 1, failed: 0 });
    assert.equal(peer.messages.length, 0);
    const waiting = await outboxRows();
    assert.equal(waiting.length, 3);
    assert.ok(waiting.every((row) => row.status === 'pending'));
    const [tried, ...untried] = [...waiting].sort((a, b) => b.attempts - a.attempts);
    assert.equal(tried!.attempts, 1);
    assert.match(tried!.lastError ?? '', /ECONNREFUSED/);
    assert.equal(tried!.waitingForServer, true, 'it waits for the server, not for itself');
    assert.ok(tried!.nextAttemptAt.getTime() > Date.now(), 'a fallback retry time is set');
    for (const row of untried) {
      assert.equal(row.attempts, 0, 'not tried, no attempt counted');
      assert.equal(row.lastError, null);
      assert.equal(row.waitingForServer, false);
      assert.ok(row.nextAttemptAt.getTime() <= Date.now(), 'still due');
    }

    await peer.restart();
    // No waiting out a back-off: the first delivery releases the message that waited.
    assert.deepEqual(await deliverDueEmails(deps), { sent: 3, retrying: 0, failed: 0 });
    const counts = receivedCounts(peer);
    assert.deepEqual([...counts.keys()].sort(), waiting.map(messageIdOf).sort());
    assert.deepEqual([...counts.values()], [1, 1, 1]);
    for (const row of await outboxRows()) {
      assert.equal(row.status, 'sent');
      assert.equal(row.waitingForServer, false);
      assert.equal(row.attempts, row.id === tried!.id ? 2 : 1);
    }

    const muchLater = new Date(Date.now() + 24 * 60 * 60 * 1000);
    assert.deepEqual(await deliverDueEmails(deps, { now: () => muchLater }), NOTHING);
    assert.equal(peer.messages.length, 3);
  });

  it('backs off by doubling the wait and gives up after the last attempt', async () => {
    peer.reject(451);
    await enqueue([signInEmail('rebota@example.org', 'es')]);
    const [{ id }] = (await outboxRows()) as [OutboxMessage];

    let at = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const report = await deliverDueEmails(deps, { now: () => at });
      const row = await rowOf(id);
      assert.equal(row.attempts, attempt);
      assert.equal(peer.refused, attempt, 'the peer saw each attempt');
      assert.match(row.lastError ?? '', /451/);
      if (attempt === MAX_ATTEMPTS) {
        assert.deepEqual(report, { sent: 0, retrying: 0, failed: 1 });
        assert.equal(row.status, 'failed');
        break;
      }
      assert.deepEqual(report, { sent: 0, retrying: 1, failed: 0 });
      assert.equal(row.status, 'pending');
      waits.push(row.nextAttemptAt.getTime() - at.getTime());

      // A millisecond before it is due, the message is not tried.
      const early = new Date(row.nextAttemptAt.getTime() - 1);
      assert.deepEqual(await deliverDueEmails(deps, { now: () => early }), NOTHING);
      assert.equal(peer.refused, attempt);
      assert.equal((await rowOf(id)).attempts, attempt);
      at = row.nextAttemptAt;
    }
    assert.deepEqual(waits, [RETRY_MS, 2 * RETRY_MS, 4 * RETRY_MS]);

    const connections = peer.connections;
    for (const days of [1, 30, 365]) {
      const later = new Date(at.getTime() + days * 24 * 60 * 60 * 1000);
      assert.deepEqual(await deliverDueEmails(deps, { now: () => later }), NOTHING);
    }
    assert.equal(peer.refused, MAX_ATTEMPTS);
    assert.equal(peer.connections, connections);
    assert.equal(peer.messages.length, 0);
    const failed = await rowOf(id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, MAX_ATTEMPTS);
  });

  it('never writes or sends a message whose transaction rolled back', async () => {
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await enqueueEmails(tx, [signInEmail('deshecho@example.org', 'es')]);
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.deepEqual(await outboxRows(), []);
    const later = new Date(Date.now() + 24 * 60 * 60 * 1000);
    assert.deepEqual(await deliverDueEmails(deps, { now: () => later }), NOTHING);
    assert.equal(peer.messages.length, 0);
    assert.equal(peer.refused, 0);
  });

  it('sends each message once when two workers deliver at the same time', async () => {
    // Slow answers keep both workers busy at once, each holding a batch the other must skip.
    peer.delayMs = 2;

    // On PostgreSQL the second worker gets a pool of its own, as a second process would.
    let secondDatabase: Database | undefined;
    if (database.driver === 'postgres') {
      const [current] = await queryRows<{ name: string }>(
        database.db,
        sql`SELECT current_database() AS name`,
      );
      secondDatabase = await openDatabase({
        kind: 'postgres',
        url: withDatabase(testDatabaseUrl!, current!.name),
        poolSize: 4,
      });
      // A connected pool, so that both workers' first statements really start together.
      await secondDatabase.ping();
    }
    const secondMailer = createMailer(config, logger);
    const rounds = 3;
    const perRound = 20;
    const sentBy = [0, 0];
    try {
      const secondDeps = { ...deps, db: (secondDatabase ?? database).db, mailer: secondMailer };
      // Several rounds, because the workers' first statements of a round are the likeliest to race.
      for (let round = 0; round < rounds; round += 1) {
        await enqueue(
          Array.from({ length: perRound }, (_, i) =>
            signInEmail(`persona-${round}-${i}@example.org`, i % 2 ? 'es' : 'en'),
          ),
        );
        const reports = await Promise.all([
          deliverDueEmails(deps, { batchSize: 2 }),
          deliverDueEmails(secondDeps, { batchSize: 2 }),
        ]);
        for (const [worker, report] of reports.entries()) {
          assert.equal(report.retrying + report.failed, 0);
          sentBy[worker]! += report.sent;
        }
      }
    } finally {
      secondMailer.close?.();
      await secondDatabase?.close();
    }

    const total = rounds * perRound;
    assert.equal(sentBy[0]! + sentBy[1]!, total);
    assert.ok(
      sentBy.every((sent) => sent > 0),
      'both workers took part',
    );
    const counts = receivedCounts(peer);
    assert.equal(peer.messages.length, total);
    assert.equal(counts.size, total);
    assert.ok([...counts.values()].every((count) => count === 1));
    const rows = await outboxRows();
    assert.deepEqual([...counts.keys()].sort(), rows.map(messageIdOf).sort());
    assert.ok(rows.every((row) => row.status === 'sent' && row.attempts === 1));
  });

  it('empties a secret message once sent, and keeps the data of one that failed', async () => {
    const user = await makeUser(database.db, { locale: 'es' });
    const secret = signInEmail('secreto@example.org', 'es');
    const plain = claimExpiredEmail(user);
    await enqueue([secret, plain]);
    assert.deepEqual(await deliverDueEmails(deps), { sent: 2, retrying: 0, failed: 0 });
    const sent = await outboxRows();
    const sentSecret = sent.find((row) => row.secret)!;
    assert.equal(sentSecret.status, 'sent');
    assert.deepEqual(sentSecret.data, {});
    assert.deepEqual(sent.find((row) => !row.secret)!.data, plain.data);

    peer.reject(451);
    const doomed = signInEmail('fallido@example.org', 'en');
    await enqueue([doomed]);
    const row = (await outboxRows()).find((candidate) => candidate.status === 'pending')!;
    let at = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverDueEmails(deps, { now: () => at });
      at = (await rowOf(row.id)).nextAttemptAt;
    }
    const failed = await rowOf(row.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.secret, true);
    assert.deepEqual(failed.data, doomed.data, 'kept so that an admin can send it again');
  });

  it('gives up at once on a permanent refusal (5xx): asking again would not help', async () => {
    const ana = await makeUser(database.db, { locale: 'es' });
    await enqueue([claimExpiredEmail(ana)]);
    peer.reject(550);
    assert.deepEqual(await deliverDueEmails(deps), { ...NOTHING, failed: 1 });
    const [row] = await outboxRows();
    assert.equal(row!.status, 'failed');
    assert.equal(row!.attempts, 1);
    assert.match(row!.lastError ?? '', /550/);
  });

  it('does not send a sign-in link that expired while it waited', async () => {
    await enqueue([
      {
        ...signInEmail('tarde@example.org', 'es'),
        data: {
          link: `${BASE_URL}/entrar/enlace?token=t`,
          minutes: 15,
          validUntil: new Date(Date.now() + 15 * 60_000).toISOString(),
        },
      },
    ]);
    const later = new Date(Date.now() + 16 * 60_000);
    assert.deepEqual(await deliverDueEmails(deps, { now: () => later }), { ...NOTHING, failed: 1 });
    assert.equal(peer.messages.length, 0);
    const [row] = await outboxRows();
    assert.equal(row!.lastError, 'expired before it could be sent');
  });

  it('lets only the worker holding a message record its outcome', async () => {
    const ana = await makeUser(database.db, { locale: 'es' });
    await enqueue([claimExpiredEmail(ana)]);
    const lastChance = { ...config, outbox: { ...config.outbox, maxAttempts: 1 } };
    let failSlowSend: (error: Error) => void = () => undefined;
    const slow: Mailer = {
      send: () => new Promise((_resolve, reject) => (failSlowSend = reject)),
    };
    const t0 = new Date();
    // Worker A takes the message and hangs in the send past its lease ...
    const first = deliverDueEmails(
      { ...deps, mailer: slow, config: lastChance },
      { now: () => t0, leaseMs: 1_000 },
    );
    while ((await outboxRows())[0]!.attempts === 0) await new Promise((r) => setTimeout(r, 5));
    // ... so worker B takes it when the lease is over, and delivers it.
    const afterLease = new Date(t0.getTime() + 2_000);
    assert.deepEqual(await deliverDueEmails(deps, { now: () => afterLease }), {
      ...NOTHING,
      sent: 1,
    });
    failSlowSend(new Error('connection reset'));
    assert.deepEqual(await first, { ...NOTHING, failed: 1 });
    const [row] = await outboxRows();
    assert.equal(row!.status, 'sent', "A's late failure does not undo B's delivery");
    assert.equal(row!.lastError, null);
    assert.equal(peer.messages.length, 1);
  });
});
