import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { notificationPreferences, type User } from '../../../../models/schema/index.ts';
import { notificationKinds } from '../../../../server/mail/email-kinds.ts';
import { claimNotice, enqueue, outboxRowsTo } from '../../../support/outbox-factories.ts';
import { relaxedLimits, userByEmail } from '../../../support/organization-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

describe('notification preferences', () => {
  let test: TestApp;
  let person: Awaited<ReturnType<typeof signInByEmail>>['person'];
  let user: User;

  const allImmediate = () =>
    Object.fromEntries(notificationKinds.map((kind) => [kind, 'immediate']));

  async function save(fields: Record<string, string>) {
    const page = await person.get('/cuenta/avisos').expect(200);
    return person.postForm('/cuenta/avisos', { _csrf: csrfTokenIn(page.text), ...fields });
  }

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    ({ person } = await signInByEmail(test, 'avisos@example.org'));
    user = await userByEmail(test.database.db, 'avisos@example.org');
  });
  after(() => test.close());

  it('are for signed-in people only', async () => {
    const response = await visitor(test.app).get('/cuenta/avisos');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/entrar?volver=%2Fcuenta%2Favisos');
  });

  it('are linked from /cuenta and show every kind with its default', async () => {
    const account = await person.get('/cuenta').expect(200);
    assert.match(account.text, /href="\/cuenta\/avisos"/);
    const page = await person.get('/cuenta/avisos').expect(200);
    for (const kind of notificationKinds) {
      assert.match(page.text, new RegExp(`name="${kind}" value="never"`), kind);
    }
    assert.match(page.text, /name="challenge_progress" value="daily" checked/);
    assert.match(page.text, /name="pledge" value="immediate" checked/);
    assert.match(page.text, /Te escribimos a avisos@example.org/);
  });

  it('saves a choice for each kind', async () => {
    const response = await save({ ...allImmediate(), pledge: 'never', claim: 'daily' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/cuenta/avisos?guardado=1');
    const page = await person.get(response.headers.location).expect(200);
    assert.match(page.text, /Guardamos tus preferencias de avisos/);
    assert.match(page.text, /name="pledge" value="never" checked/);
    assert.match(page.text, /name="claim" value="daily" checked/);
    assert.match(page.text, /name="challenge_progress" value="immediate" checked/);
  });

  it('refuses an unknown choice with 422, keeping what was chosen and saving nothing', async () => {
    const before = await test.database.db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    const response = await save({ ...allImmediate(), pledge: 'hourly', adoption: 'daily' });
    assert.equal(response.status, 422);
    assert.match(response.text, /Elige una opción válida para cada aviso/);
    assert.match(response.text, /name="adoption" value="daily" checked/);
    const after = await test.database.db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    assert.deepEqual(after, before);
  });

  it('decide whether an email goes now, waits for the digest, or is not written', async () => {
    const db = test.database.db;
    await save({ ...allImmediate(), pledge: 'never', claim: 'daily' });
    const result = await enqueue(db, [
      claimNotice(user, 'Reto uno', 'claim'),
      claimNotice(user, 'Reto dos', 'pledge'),
      claimNotice(user, 'Reto tres', 'adoption'),
      { ...claimNotice(user, 'Enlace', 'claim'), kind: 'sign_in' },
    ]);
    assert.deepEqual(result, { immediate: 2, digest: 1, skipped: 1 });
    const rows = await outboxRowsTo(db, 'avisos@example.org');
    const byKind = new Map(rows.map((row) => [row.kind, row.status]));
    assert.equal(byKind.get('claim'), 'digest');
    assert.equal(byKind.has('pledge'), false, 'never: nothing written');
    assert.equal(byKind.get('adoption'), 'pending');
    assert.equal(byKind.get('sign_in'), 'pending', 'essential emails ignore preferences');
  });
});
