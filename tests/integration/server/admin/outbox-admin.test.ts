import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import Handlebars from 'handlebars';
import { outbox, type OutboxMessage, type User } from '../../../../models/schema/index.ts';
import { enqueueEmails, type EmailToSend } from '../../../../server/mail/outbox.ts';
import { makeUser } from '../../../support/factories.ts';
import {
  auditEventsFor,
  relaxedLimits,
  signedIn,
} from '../../../support/organization-factories.ts';
import { makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import {
  buildAppWithSwitchableMailer,
  switchableMailer,
} from '../../../support/switchable-mailer.ts';
import { csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

const ADMIN = 'admin@example.org';
const ADMIN_LOGIN = 'lore-admin';
const SMTP_ERROR = '554 5.7.1 Mensaje rechazado por el servidor';
const DAY_MS = 24 * 60 * 60 * 1000;
const REFUSED = 'Solo las personas administradoras pueden ver esta página.';

type Person = Awaited<ReturnType<typeof signedIn>>['person'];

/** The number shown under a label of the outbox counts. */
function stat(html: string, label: string): number {
  const match = new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`).exec(html);
  assert.ok(match, `the page shows the count "${label}"`);
  return Number(match[1]);
}

/** The table row of a failed email, found by its retry form; undefined when it is not listed. */
function failedRow(html: string, id: string): string | undefined {
  return html
    .split('<tr>')
    .find((row) => row.includes(`action="/admin/correo/${id}/reintentar"`))
    ?.split('</tr>')[0];
}

const escape = (text: string) => Handlebars.escapeExpression(text);

describe('/admin: the outbox for administrators', () => {
  let test: TestApp;
  let mailer: ReturnType<typeof switchableMailer>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let neighbour: Awaited<ReturnType<typeof signedIn>>;
  let moderator: Awaited<ReturnType<typeof signedIn>>;
  let ana: User;
  let bob: User;

  before(async () => {
    ({ test, mailer } = await buildAppWithSwitchableMailer({
      ...relaxedLimits,
      env: {
        ADMIN_EMAILS: ADMIN,
        ADMIN_GITHUB_LOGINS: ADMIN_LOGIN,
        OUTBOX_MAX_ATTEMPTS: '1',
      },
    }));
    const db = test.database.db;
    admin = await signedIn(test, ADMIN, { name: 'Lorena Admin' });
    neighbour = await signedIn(test, 'vecina@example.org');
    // A moderator is not an administrator.
    await makeUser(db, { email: 'moderadora@example.org', isModerator: true });
    moderator = await signedIn(test, 'moderadora@example.org');
    ana = await makeUser(db, { email: 'ana@example.org', locale: 'es' });
    bob = await makeUser(db, { email: 'bob@example.org', locale: 'en' });
  });
  beforeEach(async () => {
    mailer.failWith = null;
    await test.database.db.delete(outbox);
    mailer.sent.length = 0;
  });
  after(() => test.close());

  const db = () => test.database.db;
  const rowOf = async (id: string): Promise<OutboxMessage> =>
    (await db().select().from(outbox).where(eq(outbox.id, id)))[0]!;
  const token = async (person: Person) => csrfTokenIn((await person.get('/')).text);
  const post = async (person: Person, path: string) =>
    person.postForm(path, { _csrf: await token(person) });

  const verified = (user: User): EmailToSend => ({
    kind: 'organization_verified',
    template: 'organization-verified',
    to: { userId: user.id, email: user.email!, language: user.locale === 'en' ? 'en' : 'es' },
    data: { organization: 'Secretaría de Movilidad', path: '/organizaciones/semovi' },
  });

  /** Ana's and Bob's emails, written to the outbox and failed for good by a refusing server. */
  async function failedEmails(): Promise<{ anaRow: OutboxMessage; bobRow: OutboxMessage }> {
    await db().transaction((tx) => enqueueEmails(tx, [verified(ana), verified(bob)]));
    mailer.failWith = SMTP_ERROR;
    const report = await test.deliverMail();
    mailer.failWith = null;
    assert.deepEqual(report, { sent: 0, retrying: 0, failed: 2 });
    const rows = await db().select().from(outbox).where(eq(outbox.status, 'failed'));
    return {
      anaRow: rows.find((row) => row.toAddress === ana.email)!,
      bobRow: rows.find((row) => row.toAddress === bob.email)!,
    };
  }

  /** A row written straight to the outbox, as the worker or the digest would have left it. */
  async function insertRow(values: Partial<typeof outbox.$inferInsert>): Promise<OutboxMessage> {
    const [row] = await db()
      .insert(outbox)
      .values({
        kind: 'organization_verified',
        template: 'organization-verified',
        recipientId: ana.id,
        toAddress: ana.email!,
        language: 'es',
        data: { organization: 'Colectivo', path: '/organizaciones/colectivo' },
        ...values,
      })
      .returning();
    return row!;
  }

  it('sends visitors to sign in, and refuses their retries', async () => {
    const { anaRow } = await failedEmails();
    const guest = visitor(test.app);
    const page = await guest.get('/admin');
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/entrar?volver=%2Fadmin');

    const csrf = await guest.csrfToken('/entrar');
    for (const path of ['/admin/correo/reintentar', `/admin/correo/${anaRow.id}/reintentar`]) {
      const response = await guest.postForm(path, { _csrf: csrf });
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.location, '/entrar', path);
    }
    assert.deepEqual(await rowOf(anaRow.id), anaRow);
    assert.equal((await auditEventsFor(db(), anaRow.id)).length, 0);
  });

  it('refuses people who are not administrators, moderators included, with 403 and changes nothing', async () => {
    const { anaRow, bobRow } = await failedEmails();
    for (const [who, person] of [
      ['neighbour', neighbour.person],
      ['moderator', moderator.person],
    ] as const) {
      const page = await person.get('/admin');
      assert.equal(page.status, 403, who);
      assert.ok(page.text.includes(REFUSED), who);
      assert.doesNotMatch(page.text, /ana@example\.org|Mensaje rechazado/, `${who}: nothing shown`);
      for (const path of ['/admin/correo/reintentar', `/admin/correo/${anaRow.id}/reintentar`]) {
        const response = await post(person, path);
        assert.equal(response.status, 403, `${who} ${path}`);
        assert.ok(response.text.includes(REFUSED), `${who} ${path}`);
      }
    }
    assert.deepEqual(await rowOf(anaRow.id), anaRow);
    assert.deepEqual(await rowOf(bobRow.id), bobRow);
    assert.equal((await auditEventsFor(db(), anaRow.id)).length, 0);
    assert.equal((await auditEventsFor(db(), bobRow.id)).length, 0);
    assert.deepEqual(await test.deliverMail(), { sent: 0, retrying: 0, failed: 0 });
  });

  it('lets in an administrator named by GitHub login as well as by email', async () => {
    const volunteer = await makeVolunteer(db(), {
      githubLogin: 'Lore-Admin',
      email: 'lore@example.org',
    });
    const { person } = await signInByEmail(test, volunteer.email!);
    const page = await person.get('/admin');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Administración<\/h1>/);
  });

  it('shows an administrator how the outbox stands: waiting, retrying, for the digest, sent today, failed', async () => {
    const empty = await admin.person.get('/admin');
    assert.equal(empty.status, 200);
    assert.match(empty.text, /<h1>Administración<\/h1>/);
    assert.match(empty.text, /<h2 id="correo">Correo saliente<\/h2>/);
    assert.match(empty.text, /Ningún correo ha fallado\./);
    assert.doesNotMatch(empty.text, /action="\/admin\/correo\/reintentar"/, 'nothing to retry');

    const now = Date.now();
    await insertRow({ status: 'pending' });
    await insertRow({ status: 'pending', attempts: 2, lastError: 'timeout' });
    await insertRow({ status: 'digest', kind: 'challenge_progress' });
    await insertRow({ status: 'digested', kind: 'challenge_progress' });
    for (const hoursAgo of [1, 5, 20]) {
      await insertRow({
        status: 'sent',
        attempts: 1,
        sentAt: new Date(now - hoursAgo * 3_600_000),
      });
    }
    await insertRow({ status: 'sent', attempts: 1, sentAt: new Date(now - 2 * DAY_MS) });
    await insertRow({ status: 'failed', attempts: 1, lastError: 'x' });
    await insertRow({ status: 'failed', attempts: 1, lastError: 'y' });

    const page = await admin.person.get('/admin');
    assert.equal(page.status, 200);
    assert.equal(stat(page.text, 'Por enviar'), 2);
    assert.equal(stat(page.text, 'Reintentando tras un error'), 1);
    assert.equal(stat(page.text, 'Esperando el resumen diario'), 1);
    assert.equal(stat(page.text, 'Enviados en las últimas 24 horas'), 3);
    assert.equal(stat(page.text, 'Fallidos'), 2);
  });

  it('lists each failed email with its recipient, its subject in their language, the attempts and the last error', async () => {
    const { anaRow, bobRow } = await failedEmails();
    assert.equal(anaRow.attempts, 1);
    assert.equal(anaRow.lastError, SMTP_ERROR);
    const lost = await insertRow({
      status: 'failed',
      template: 'plantilla-perdida',
      attempts: 4,
      lastError: '<img src=x onerror=alert(1)>',
    });

    const page = await admin.person.get('/admin');
    assert.equal(page.status, 200);
    assert.match(page.text, /Correos que no se pudieron enviar/);
    assert.match(page.text, /action="\/admin\/correo\/reintentar"/);
    assert.match(page.text, /Reintentar todos los fallidos/);

    const spanish = failedRow(page.text, anaRow.id);
    assert.ok(spanish, "Ana's email is listed");
    assert.ok(spanish.includes('<td>ana@example.org</td>'));
    assert.ok(
      spanish.includes(`<td>${escape('Secretaría de Movilidad ya está verificada en Retos')}</td>`),
    );
    assert.ok(spanish.includes('<td>1</td>'), 'the attempts');
    assert.ok(spanish.includes(`<code>${escape(SMTP_ERROR)}</code>`), 'the last error');
    assert.ok(spanish.includes('aria-label="Reintentar el correo a ana@example.org"'));

    const english = failedRow(page.text, bobRow.id);
    assert.ok(english, "Bob's email is listed");
    assert.ok(english.includes('<td>bob@example.org</td>'));
    assert.ok(
      english.includes(`<td>${escape('Secretaría de Movilidad is now verified on Retos')}</td>`),
    );

    // An email whose template cannot be rendered is listed under the template's name; the error
    // is text, never markup.
    const broken = failedRow(page.text, lost.id);
    assert.ok(broken, 'the email that cannot be rendered is listed');
    assert.ok(broken.includes('<td>plantilla-perdida</td>'));
    assert.ok(broken.includes('<td>4</td>'));
    assert.ok(broken.includes('<code>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</code>'));
    assert.doesNotMatch(page.text, /<img src=x/);
  });

  it('lists a failed daily digest under the subject its recipient would read', async () => {
    const items = ['uno', 'dos'].map((title) => ({
      kind: 'challenge_progress',
      template: 'challenge-progress',
      data: { challenge: title, proposal: 'P', path: '/propuestas/x' },
      createdAt: new Date().toISOString(),
    }));
    const digest = await insertRow({
      kind: 'digest',
      template: 'daily-digest',
      status: 'failed',
      attempts: 1,
      lastError: 'x',
      data: { items },
    });
    const row = failedRow((await admin.person.get('/admin')).text, digest.id);
    assert.ok(row, 'the digest is listed');
    assert.ok(row.includes('<td>Tu resumen diario de Retos: 2 avisos</td>'), row);
  });

  it('retries one failed email: back in line with no attempts, audited, then sent with a working server', async () => {
    const { anaRow, bobRow } = await failedEmails();
    const response = await post(admin.person, `/admin/correo/${anaRow.id}/reintentar`);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/admin?reintentados=1#correo');

    const retried = await rowOf(anaRow.id);
    assert.equal(retried.status, 'pending');
    assert.equal(retried.attempts, 0);
    assert.ok(retried.nextAttemptAt.getTime() <= Date.now(), 'due at once');
    assert.deepEqual(await rowOf(bobRow.id), bobRow, 'the other failed email is left alone');

    const events = await auditEventsFor(db(), anaRow.id);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.action, 'email.retry');
    assert.equal(events[0]!.subjectType, 'email');
    assert.equal(events[0]!.actorId, admin.user.id);
    assert.deepEqual(events[0]!.before, { status: 'failed', lastError: SMTP_ERROR });
    assert.deepEqual(events[0]!.after, { status: 'pending' });
    assert.equal((await auditEventsFor(db(), bobRow.id)).length, 0);

    const page = await admin.person.get('/admin?reintentados=1');
    assert.match(page.text, /role="status">Volvimos a poner en fila 1 correo\.</);
    assert.equal(failedRow(page.text, anaRow.id), undefined, 'no longer listed as failed');
    assert.ok(failedRow(page.text, bobRow.id));
    assert.equal(stat(page.text, 'Por enviar'), 1);
    assert.equal(stat(page.text, 'Fallidos'), 1);

    assert.deepEqual(await test.deliverMail(), { sent: 1, retrying: 0, failed: 0 });
    assert.equal(mailer.sent.length, 1);
    assert.equal(mailer.sent[0]!.to, 'ana@example.org');
    assert.equal(mailer.sent[0]!.subject, 'Secretaría de Movilidad ya está verificada en Retos');
    const sent = await rowOf(anaRow.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.equal((await rowOf(bobRow.id)).status, 'failed');
  });

  it('retries every failed email at once, and nothing else', async () => {
    const { anaRow, bobRow } = await failedEmails();
    const later = new Date(Date.now() + DAY_MS);
    const others = [
      await insertRow({
        status: 'pending',
        attempts: 2,
        lastError: 'timeout',
        nextAttemptAt: later,
      }),
      await insertRow({ status: 'digest', kind: 'challenge_progress' }),
      await insertRow({ status: 'sent', attempts: 1, sentAt: new Date() }),
    ];

    const response = await post(admin.person, '/admin/correo/reintentar');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/admin?reintentados=2#correo');
    for (const row of [anaRow, bobRow]) {
      const retried = await rowOf(row.id);
      assert.equal(retried.status, 'pending', row.toAddress);
      assert.equal(retried.attempts, 0, row.toAddress);
      const events = await auditEventsFor(db(), row.id, 'email.retry');
      assert.equal(events.length, 1, row.toAddress);
      assert.equal(events[0]!.actorId, admin.user.id);
    }
    for (const row of others) {
      assert.deepEqual(await rowOf(row.id), row, row.status);
      assert.equal((await auditEventsFor(db(), row.id)).length, 0, row.status);
    }

    const page = await admin.person.get('/admin?reintentados=2');
    assert.match(page.text, /Volvimos a poner en fila 2 correos\./);
    assert.match(page.text, /Ningún correo ha fallado\./);

    assert.deepEqual(await test.deliverMail(), { sent: 2, retrying: 0, failed: 0 });
    assert.deepEqual(mailer.sent.map((mail) => mail.to).sort(), [
      'ana@example.org',
      'bob@example.org',
    ]);
  });

  it('never puts back an email that was sent, or one still pending or waiting for the digest', async () => {
    const later = new Date(Date.now() + DAY_MS);
    const rows = [
      await insertRow({ status: 'sent', attempts: 1, sentAt: new Date(Date.now() - 60_000) }),
      await insertRow({
        status: 'pending',
        attempts: 3,
        lastError: 'timeout',
        nextAttemptAt: later,
      }),
      await insertRow({ status: 'digest', kind: 'challenge_progress' }),
    ];
    for (const row of rows) {
      const response = await post(admin.person, `/admin/correo/${row.id}/reintentar`);
      assert.equal(response.status, 303, row.status);
      assert.equal(response.headers.location, '/admin?reintentados=0#correo', row.status);
    }
    const all = await post(admin.person, '/admin/correo/reintentar');
    assert.equal(all.headers.location, '/admin?reintentados=0#correo');

    for (const row of rows) {
      assert.deepEqual(await rowOf(row.id), row, row.status);
    }
    for (const row of rows) assert.equal((await auditEventsFor(db(), row.id)).length, 0);
    assert.deepEqual(await test.deliverMail(), { sent: 0, retrying: 0, failed: 0 });
    assert.equal(mailer.sent.length, 0, 'the sent email is not sent again');
  });

  it('answers 404 for a malformed id, and retries nothing for an unknown one', async () => {
    const { anaRow } = await failedEmails();
    for (const id of ['no-es-un-id', `${anaRow.id}x`, anaRow.id.slice(0, 35), "1' OR '1'='1"]) {
      const response = await post(
        admin.person,
        `/admin/correo/${encodeURIComponent(id)}/reintentar`,
      );
      assert.equal(response.status, 404, id);
    }
    const unknown = await post(
      admin.person,
      '/admin/correo/00000000-0000-4000-8000-000000000000/reintentar',
    );
    assert.equal(unknown.status, 303);
    assert.equal(unknown.headers.location, '/admin?reintentados=0#correo');
    assert.deepEqual(await rowOf(anaRow.id), anaRow);
    assert.equal((await auditEventsFor(db(), anaRow.id)).length, 0);
  });
});
