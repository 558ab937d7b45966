import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { loginTokens, outbox, users } from '../../../../models/schema/index.ts';
import { createLoginToken } from '../../../../server/auth/login-tokens.ts';
import { makeUser } from '../../../support/factories.ts';
import { signInByEmail, signInLinkFor } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

describe('signing in with an email link', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({
      signInLimits: { perAddressAndClientPerHour: 3, perAddressPerHour: 10, perIpPerHour: 100 },
    });
    await makeUser(test.database.db, { email: 'conocida@example.org', name: 'Persona Conocida' });
  });
  after(() => test.close());

  async function askForLink(email: string, extra: Record<string, string> = {}) {
    const person = visitor(test.app);
    const token = await person.csrfToken('/entrar');
    return person.postForm('/entrar', { _csrf: token, email, ...extra });
  }

  it('answers known and unknown addresses with the same page', async () => {
    const known = await askForLink('conocida@example.org');
    const unknown = await askForLink('nadie@example.org');
    assert.equal(known.status, 200);
    assert.equal(unknown.status, 200);
    const page = (response: typeof known, email: string) =>
      /<main[\s\S]*<\/main>/.exec(response.text)![0].replace(email, 'EMAIL');
    assert.equal(page(known, 'conocida@example.org'), page(unknown, 'nadie@example.org'));
    assert.match(known.text, /Revisa tu correo/);
    // Both get a link: a first use of a new address creates the account.
    assert.ok(await signInLinkFor(test, 'conocida@example.org'));
    assert.ok(await signInLinkFor(test, 'nadie@example.org'));
  });

  it('sends the link in the visitor language with a 15-minute warning', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/entrar?lang=en');
    await person.postForm('/entrar', { _csrf: token, email: 'english@example.org' }).expect(200);
    await test.deliverMail();
    const message = test.mail.at(-1)!;
    assert.equal(message.to, 'english@example.org');
    assert.equal(message.subject, 'Your link to sign in to Retos');
    assert.match(message.text, /expires in 15 minutes/);
    assert.match(message.html, /<html lang="en">/);
    assert.match(message.text, new RegExp(`${test.config.baseUrl}/entrar/enlace\\?token=`));
  });

  it('stores only a hash of the token', async () => {
    await askForLink('hash@example.org');
    const token = (await signInLinkFor(test, 'hash@example.org')).searchParams.get('token')!;
    const rows = await test.database.db
      .select()
      .from(loginTokens)
      .where(eq(loginTokens.email, 'hash@example.org'));
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.tokenHash, token);
    assert.doesNotMatch(JSON.stringify(rows), new RegExp(token));
    // Once delivered, the email's copy of the link is gone from the outbox too.
    const [sent] = await test.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 'hash@example.org'));
    assert.equal(sent!.status, 'sent');
    assert.doesNotMatch(JSON.stringify(sent), new RegExp(token));
  });

  it('signs in once, then refuses the same link', async () => {
    const { person, redirectedTo } = await signInByEmail(
      test,
      'conocida@example.org',
      '/privacidad',
    );
    assert.equal(redirectedTo, '/privacidad');
    const account = await person.get('/cuenta').expect(200);
    assert.match(account.text, /Entraste con el correo conocida@example.org/);

    const link = await signInLinkFor(test, 'conocida@example.org');
    const again = await visitor(test.app).get(`${link.pathname}${link.search}`);
    assert.equal(again.status, 410);
    assert.match(again.text, /Este enlace ya no sirve/);

    const replay = visitor(test.app);
    const csrf = await replay.csrfToken('/entrar');
    const reused = await replay.postForm('/entrar/enlace', {
      _csrf: csrf,
      token: link.searchParams.get('token')!,
    });
    assert.equal(reused.status, 410);
    assert.equal((await replay.get('/cuenta')).status, 303, 'still signed out');
  });

  it('does not use the link up when it is only opened', async () => {
    await askForLink('abrir@example.org');
    const link = await signInLinkFor(test, 'abrir@example.org');
    const person = visitor(test.app);
    await person.get(`${link.pathname}${link.search}`).expect(200);
    const confirm = await person.get(`${link.pathname}${link.search}`).expect(200);
    const response = await person.postForm('/entrar/enlace', {
      _csrf: csrfTokenIn(confirm.text),
      token: link.searchParams.get('token')!,
    });
    assert.equal(response.status, 303);
  });

  it('refuses a link after 15 minutes', async () => {
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000);
    const token = await createLoginToken(
      test.database.db,
      'tarde@example.org',
      null,
      sixteenMinutesAgo,
    );
    const person = visitor(test.app);
    const opened = await person.get(`/entrar/enlace?token=${token}`);
    assert.equal(opened.status, 410);
    const csrf = await person.csrfToken('/entrar');
    const posted = await person.postForm('/entrar/enlace', { _csrf: csrf, token });
    assert.equal(posted.status, 410);
    const created = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'tarde@example.org'));
    assert.equal(created.length, 0);
  });

  it('creates the account of a new address in the visitor language', async () => {
    const person = visitor(test.app);
    const csrf = await person.csrfToken('/entrar?lang=en');
    await person.postForm('/entrar', { _csrf: csrf, email: 'Nueva@Example.org' }).expect(200);
    const link = await signInLinkFor(test, 'nueva@example.org');
    const confirm = await person.get(`${link.pathname}${link.search}`).expect(200);
    await person
      .postForm('/entrar/enlace', {
        _csrf: csrfTokenIn(confirm.text),
        token: link.searchParams.get('token')!,
      })
      .expect(303);
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'nueva@example.org'));
    assert.ok(user);
    assert.equal(user.locale, 'en');
  });

  it('refuses an invalid address with 422, keeping what was typed and sending nothing', async () => {
    const before = test.mail.length;
    const response = await askForLink('no-es-un-correo');
    assert.equal(response.status, 422);
    assert.match(response.text, /value="no-es-un-correo"/);
    assert.match(response.text, /Escribe un correo electrónico válido/);
    assert.match(response.text, /aria-invalid="true"/);
    await test.deliverMail();
    assert.equal(test.mail.length, before);
  });

  it('ignores a return address on another site', async () => {
    const { redirectedTo } = await signInByEmail(
      test,
      'volver@example.org',
      'https://evil.example/',
    );
    // A new account is asked its name first, then goes home rather than to the other site.
    assert.equal(redirectedTo, '/entrar/nombre?volver=%2F');
  });

  it('limits links per address from one client', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await askForLink('limite@example.org')).status);
      // Past the short window in which asking again only shows "we already sent you a link".
      await test.database.db
        .update(loginTokens)
        .set({ createdAt: sql`now() - interval '2 minutes'` })
        .where(eq(loginTokens.email, 'limite@example.org'));
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(
      (await askForLink('otra@example.org')).status,
      200,
      'other addresses are not affected',
    );
  });
});

describe('sign-in links per client address', () => {
  it('are limited too', async () => {
    const test = await buildTestApp({ signInLimits: { perAddressPerHour: 100, perIpPerHour: 2 } });
    try {
      const statuses = [];
      for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
        const person = visitor(test.app);
        const token = await person.csrfToken('/entrar');
        statuses.push((await person.postForm('/entrar', { _csrf: token, email })).status);
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await test.close();
    }
  });
});
