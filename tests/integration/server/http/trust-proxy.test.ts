import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('client addresses behind one trusted proxy (TRUST_PROXY=1)', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({
      env: { TRUST_PROXY: '1' },
      signInLimits: { perAddressPerHour: 100, perIpPerHour: 2 },
    });
  });
  after(() => test.close());

  /** A sign-in request as the proxy forwards it: what the client wrote, then what the proxy saw. */
  async function askForLink(email: string, clientWrote: string, proxySaw: string) {
    const person = visitor(test.app);
    const token = await person.csrfToken('/entrar');
    return person
      .postForm('/entrar', { _csrf: token, email })
      .set('X-Forwarded-For', `${clientWrote}, ${proxySaw}`);
  }

  it('keeps counting a client that rotates the X-Forwarded-For it writes', async () => {
    const statuses = [];
    for (const [i, email] of ['a', 'b', 'c'].entries()) {
      const response = await askForLink(`${email}@example.org`, `198.51.100.${i}`, '203.0.113.7');
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  });

  it('still tells clients apart by the address the proxy saw', async () => {
    const response = await askForLink('d@example.org', '198.51.100.1', '203.0.113.8');
    assert.equal(response.status, 200);
  });
});
