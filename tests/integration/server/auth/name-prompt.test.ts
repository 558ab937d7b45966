import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../../../models/schema/index.ts';
import { makeUser } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

const PROMPT = `/entrar/nombre?volver=${encodeURIComponent('/privacidad')}`;

describe('asking an email sign-in for a name', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ signInLimits: { perIpPerHour: 1000, resendAfterSeconds: 0 } });
  });
  after(() => test.close());

  const account = async (email: string) =>
    (await test.database.db.select().from(users).where(eq(users.email, email)))[0]!;

  it('asks a person with no name once, keeps it, and goes on to where they were going', async () => {
    const { person, redirectedTo } = await signInByEmail(
      test,
      'sin-nombre@example.org',
      '/privacidad',
    );
    assert.equal(redirectedTo, PROMPT);
    const page = await person.get(redirectedTo).expect(200);
    assert.match(page.text, /¿Cómo te llamas\?/);
    assert.match(page.text, /<input id="name" name="name"[^>]* maxlength="100" value=""/);
    assert.match(page.text, /Hasta 100 caracteres/);
    assert.match(page.text, /name="volver" value="\/privacidad"/);

    const saved = await person.postForm('/entrar/nombre', {
      _csrf: csrfTokenIn(page.text),
      volver: '/privacidad',
      name: '  Rosa Martínez ',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/privacidad');
    assert.equal((await account('sin-nombre@example.org')).name, 'Rosa Martínez');

    const again = await signInByEmail(test, 'sin-nombre@example.org', '/privacidad');
    assert.equal(again.redirectedTo, '/privacidad', 'not asked again');
  });

  it('lets the person skip, and then does not ask again', async () => {
    const { person, redirectedTo } = await signInByEmail(test, 'omitir@example.org', '/privacidad');
    assert.equal(redirectedTo, PROMPT);
    const page = await person.get(redirectedTo).expect(200);
    const skipped = await person.postForm('/entrar/nombre', {
      _csrf: csrfTokenIn(page.text),
      volver: '/privacidad',
      name: '',
      omitir: '1',
    });
    assert.equal(skipped.status, 303);
    assert.equal(skipped.headers.location, '/privacidad');
    const user = await account('omitir@example.org');
    assert.equal(user.name, null);
    assert.ok(user.nameAskedAt);

    const again = await signInByEmail(test, 'omitir@example.org', '/privacidad');
    assert.equal(again.redirectedTo, '/privacidad');
    const direct = await again.person.get(PROMPT);
    assert.equal(direct.status, 303, 'the page itself sends an answered person on');
    assert.equal(direct.headers.location, '/privacidad');
  });

  it('refuses an empty or too long name with 422, keeping what was typed', async () => {
    const { person, redirectedTo } = await signInByEmail(test, 'larga@example.org');
    const page = await person.get(redirectedTo).expect(200);
    const long = 'Ñ'.repeat(101);
    const refused = await person.postForm('/entrar/nombre', {
      _csrf: csrfTokenIn(page.text),
      volver: '/',
      name: long,
    });
    assert.equal(refused.status, 422);
    assert.match(refused.text, new RegExp(`value="${long}"`));
    assert.match(refused.text, /El nombre puede tener hasta 100 caracteres/);
    assert.match(refused.text, /aria-invalid="true"/);
    const empty = await person.postForm('/entrar/nombre', {
      _csrf: csrfTokenIn(page.text),
      volver: '/',
      name: '   ',
    });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /Escribe tu nombre, o elige «Ahora no»/);
    const user = await account('larga@example.org');
    assert.equal(user.name, null);
    assert.equal(user.nameAskedAt, null, 'still to be asked');
  });

  it('does not ask someone who already has a name', async () => {
    await makeUser(test.database.db, { email: 'con-nombre@example.org', name: 'Ana López' });
    const { redirectedTo } = await signInByEmail(test, 'con-nombre@example.org', '/privacidad');
    assert.equal(redirectedTo, '/privacidad');
  });
});
