import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('the return address after sign-in', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ signInLimits: { perAddressPerHour: 100, perIpPerHour: 100 } });
  });
  after(() => test.close());

  it('never sends a signed-in visitor to another site, however the path is dressed', async () => {
    const { person } = await signInByEmail(test, 'vuelta@example.org');
    for (const volver of ['/.//evil.example', '/..//evil.example', '/%2e//evil.example']) {
      const response = await person.get(`/entrar?volver=${encodeURIComponent(volver)}`);
      assert.equal(response.status, 303, volver);
      assert.equal(response.headers.location, '/cuenta', volver);
    }
    const home = await person.get(`/entrar?volver=${encodeURIComponent('/a/../retos')}`);
    assert.equal(home.headers.location, '/retos');
  });

  it('ignores a dressed-up return address carried through the email link', async () => {
    const { redirectedTo } = await signInByEmail(test, 'enlace@example.org', '/a/..//evil.example');
    // A new account is asked its name first, then goes home rather than to the other site.
    assert.equal(redirectedTo, '/entrar/nombre?volver=%2F');
  });
});
