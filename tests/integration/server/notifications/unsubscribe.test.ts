import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { User } from '../../../../models/schema/index.ts';
import { preferencesOf } from '../../../../server/notifications/preferences.ts';
import { unsubscribeToken } from '../../../../server/mail/unsubscribe-token.ts';
import { databaseSnapshot } from '../../../support/database-snapshot.ts';
import { makeUser } from '../../../support/factories.ts';
import { claimNotice, enqueue } from '../../../support/outbox-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('unsubscribe links', () => {
  let test: TestApp;
  let ana: User;

  before(async () => {
    test = await buildTestApp({ env: { BASE_URL: 'https://retos.test' } });
    ana = await makeUser(test.database.db, { email: 'ana.baja@example.org' });
  });
  after(() => test.close());

  /** The unsubscribe URL of the newest email delivered to an address. */
  async function unsubscribePathIn(address: string) {
    await test.deliverMail();
    const message = [...test.mail].reverse().find((mail) => mail.to === address)!;
    const header = message.headers?.['List-Unsubscribe'] ?? '';
    const url = new URL(/^<(.+)>$/.exec(header)![1]!);
    assert.equal(message.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.ok(message.text.includes(url.href), 'the text part carries the same link');
    assert.ok(message.html.includes(url.href), 'the HTML part carries the same link');
    return url.pathname;
  }

  it('asks before changing anything, without signing in', async () => {
    await enqueue(test.database.db, [claimNotice(ana, 'Baches')]);
    const path = await unsubscribePathIn('ana.baja@example.org');
    const page = await request(test.app).get(path).expect(200);
    assert.match(page.text, /Dejar de recibir por correo estos avisos/);
    assert.match(page.text, new RegExp(`<form method="post" action="${path}">`));
    assert.equal((await preferencesOf(test.database.db, ana.id)).claim, 'immediate');
  });

  it('stops that kind with a one-click POST that carries no cookie and no CSRF token', async () => {
    await enqueue(test.database.db, [claimNotice(ana, 'Baches')]);
    const path = await unsubscribePathIn('ana.baja@example.org');
    const response = await request(test.app)
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    assert.match(response.text, /ya no te enviaremos por correo avisos de/);
    const choices = await preferencesOf(test.database.db, ana.id);
    assert.equal(choices.claim, 'never');
    assert.equal(choices.pledge, 'immediate', 'other kinds are untouched');

    // And it holds: the next notice of that kind is not even written.
    const result = await enqueue(test.database.db, [claimNotice(ana, 'Otra vez')]);
    assert.deepEqual(result, { immediate: 0, digest: 0, skipped: 1 });
  });

  it('from the digest stops every notification', async () => {
    const beto = await makeUser(test.database.db, { email: 'beto.baja@example.org' });
    const token = unsubscribeToken(test.config, beto.id, 'all');
    await request(test.app).post(`/avisos/baja/${token}`).expect(200);
    const choices = await preferencesOf(test.database.db, beto.id);
    assert.ok(Object.values(choices).every((delivery) => delivery === 'never'));
  });

  it('refuses a tampered link with a clear page, changing nothing', async () => {
    const carla = await makeUser(test.database.db, { email: 'carla.baja@example.org' });
    const token = unsubscribeToken(test.config, carla.id, 'pledge');
    const [payload, signature] = token.split('.') as [string, string];
    const otherKind = `${Buffer.from(`${carla.id}.all`).toString('base64url')}.${signature}`;
    const otherPerson = `${Buffer.from(`${ana.id}.pledge`).toString('base64url')}.${signature}`;
    // The first character carries six whole bits of the signature: changing it always changes it.
    const badSignature = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const forged of [otherKind, otherPerson, badSignature, 'nada']) {
      for (const method of ['get', 'post'] as const) {
        const response = await request(test.app)[method](`/avisos/baja/${forged}`);
        assert.equal(response.status, 400, `${method} ${forged}`);
        assert.match(response.text, /Este enlace no es válido/);
      }
    }
    assert.ok(
      Object.values(await preferencesOf(test.database.db, carla.id)).every(
        (delivery) => delivery !== 'never',
      ),
    );
    assert.equal((await preferencesOf(test.database.db, ana.id)).pledge, 'immediate');
  });

  it('refuses a link whose signature is shortened, lengthened or made with another key', async () => {
    const dora = await makeUser(test.database.db, { email: 'dora.baja@example.org' });
    const payload = `${dora.id}.all`;
    const sign = (key: string) =>
      createHmac('sha256', key).update(`unsubscribe:${payload}`).digest();
    const full = sign(test.config.sessionSecret);
    const encoded = Buffer.from(payload).toString('base64url');
    const forgeries = [
      full.subarray(0, 16),
      full.subarray(0, 31),
      Buffer.concat([full, Buffer.from([0])]),
      sign('another-secret-that-is-long-enough-654321'),
    ].map((signature) => `${encoded}.${signature.toString('base64url')}`);
    const before = await databaseSnapshot(test.database.db);
    for (const forged of forgeries) {
      for (const method of ['get', 'post'] as const) {
        const response = await request(test.app)[method](`/avisos/baja/${forged}`);
        assert.equal(response.status, 400, `${method} ${forged}`);
      }
    }
    assert.equal(await databaseSnapshot(test.database.db), before);
    // The same payload with the whole signature is accepted: only the signature was wrong.
    await request(test.app)
      .post(`/avisos/baja/${encoded}.${full.toString('base64url')}`)
      .expect(200);
    assert.notEqual(await databaseSnapshot(test.database.db), before);
  });

  it('leaves essential emails without an unsubscribe link', async () => {
    await enqueue(test.database.db, [
      {
        ...claimNotice(ana, 'Entrar'),
        kind: 'sign_in',
        template: 'sign-in-link',
        data: { path: '/entrar/enlace?token=x', minutes: 15 },
      },
    ]);
    await test.deliverMail();
    const message = test.mail.at(-1)!;
    assert.equal(message.subject, 'Tu enlace para entrar a Retos');
    assert.equal(message.headers, undefined);
    assert.doesNotMatch(message.text, /avisos\/baja/);
    assert.doesNotMatch(message.html, /avisos\/baja/);
  });
});
