import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUser } from '../../../support/factories.ts';
import { signInLinkFor } from '../../../support/sign-in.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('the page that confirms an email link', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ signInLimits: { perAddressPerHour: 100, perIpPerHour: 100 } });
    await makeUser(test.database.db, { email: 'atacante@example.org', name: 'Luis <b>Pérez</b>' });
  });
  after(() => test.close());

  async function openLinkFor(email: string, lang = 'es') {
    const person = visitor(test.app);
    const token = await person.csrfToken(`/entrar?lang=${lang}`);
    await person.postForm('/entrar', { _csrf: token, email }).expect(200);
    const link = await signInLinkFor(test, email);
    return person.get(`${link.pathname}${link.search}`).expect(200);
  }

  it('names the account the link signs in to, and warns whoever it is not', async () => {
    const page = await openLinkFor('atacante@example.org');
    assert.match(
      page.text,
      /Entrarás con la cuenta de Luis &lt;b&gt;Pérez&lt;\/b&gt; \(atacante@example.org\)\./,
    );
    assert.match(page.text, /Si no eres tú o no pediste este enlace, no continúes/);
  });

  it('names the address alone for an account that has no name yet', async () => {
    const page = await openLinkFor('sin-cuenta@example.org', 'en');
    assert.match(page.text, /You will sign in to the account of sin-cuenta@example.org\./);
    assert.match(
      page.text,
      /If this is not you, or you did not ask for this link, do not continue/,
    );
  });
});
