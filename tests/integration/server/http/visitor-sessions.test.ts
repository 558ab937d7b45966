import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import request from 'supertest';
import { sessions } from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInLinkFor } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

// Reading Retos stores nothing: a visitor without a cookie gets no session row from any public
// page, not even from the sign-in form, whose CSRF token rides on a signed cookie instead.

describe('visitors without a session', () => {
  let test: TestApp;
  let paths: string[];
  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db);
    const challenge = await makeChallenge(db, { organizationId: organization.id, status: 'open' });
    const volunteer = await makeVolunteer(db);
    paths = [
      '/',
      '/retos',
      '/retos?q=agua',
      '/retos?orden=propuestas',
      `/retos/${challenge.slug}`,
      '/organizaciones',
      `/organizaciones/${organization.slug}`,
      `/voluntarios/${volunteer.githubLogin}`,
      '/patrocinios',
      '/acerca',
      '/privacidad',
      '/entrar',
      '/entrar?volver=/retos',
    ];
  });
  after(() => test.close());

  const sessionRows = async () =>
    Number((await test.database.db.select({ n: count() }).from(sessions))[0]!.n);

  it('get no session row and no session cookie from any public page', async () => {
    for (const path of paths) {
      const response = await request(test.app).get(path);
      assert.equal(response.status, 200, path);
      assert.doesNotMatch(String(response.headers['set-cookie']), /retos\.sid/, path);
    }
    assert.equal(await sessionRows(), 0);
  });

  it('ask for a sign-in link without JavaScript, still with no session, and sign in with it', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/entrar');
    const email = 'lectora@example.org';
    await person.postForm('/entrar', { _csrf: token, email }).expect(200);
    assert.equal(await sessionRows(), 0, 'asking for a link stores no session');

    const link = await signInLinkFor(test, email);
    const confirm = await person.get(`${link.pathname}${link.search}`).expect(200);
    assert.equal(await sessionRows(), 0, 'the link page stores no session');
    const signedIn = await person.postForm('/entrar/enlace', {
      _csrf: csrfTokenIn(confirm.text),
      token: link.searchParams.get('token')!,
    });
    assert.equal(signedIn.status, 303);
    assert.equal(await sessionRows(), 1, 'signing in does');

    // Signed in, the visitor's token no longer does: only the session's.
    const refused = await person.postForm('/salir', { _csrf: token });
    assert.equal(refused.status, 403);
    const account = await person.get('/cuenta').expect(200);
    const out = await person.postForm('/salir', { _csrf: csrfTokenIn(account.text) });
    assert.equal(out.status, 303);
  });

  it("refuse a visitor token without its cookie, or with another visitor's", async () => {
    const stranger = visitor(test.app);
    const strangersToken = await stranger.csrfToken('/entrar');
    const email = 'ajena@example.org';
    const bare = await request(test.app)
      .post('/entrar')
      .type('form')
      .send({ _csrf: strangersToken, email });
    assert.equal(bare.status, 403, 'no cookie');
    const attacker = visitor(test.app);
    await attacker.csrfToken('/entrar');
    const crossed = await attacker.postForm('/entrar', { _csrf: strangersToken, email });
    assert.equal(crossed.status, 403, "another visitor's token");
    const forged = await attacker.postForm('/entrar', { _csrf: 'x'.repeat(43), email });
    assert.equal(forged.status, 403, 'a made-up token');
  });
});
