import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, like, sql } from 'drizzle-orm';
import { loginTokens, outbox, rateLimits } from '../../../../models/schema/index.ts';
import type { SignInLimits } from '../../../../server/auth/index.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const HOUR_S = 3600;

/** One app behind one trusted proxy, so each test can speak from several client addresses. */
async function appWith(limits: Partial<SignInLimits>): Promise<TestApp> {
  return buildTestApp({
    env: { TRUST_PROXY: '1' },
    signInLimits: { perIpPerHour: 1000, ...limits },
  });
}

async function askForLink(test: TestApp, email: string, client: string) {
  const person = visitor(test.app);
  const token = await person.csrfToken('/entrar');
  return person.postForm('/entrar', { _csrf: token, email }).set('X-Forwarded-For', client);
}

async function emailsQueuedTo(test: TestApp, email: string): Promise<number> {
  const rows = await test.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.toAddress, email));
  return rows.length;
}

describe('sign-in link limits an outsider cannot use against someone', () => {
  let test: TestApp;
  before(async () => {
    test = await appWith({
      perAddressAndClientPerHour: 3,
      perAddressPerHour: 6,
      resendAfterSeconds: 0,
    });
  });
  after(() => test.close());

  it("does not lock the person's own client out when another client asks for their address", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await askForLink(test, 'victima@example.org', '203.0.113.66')).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429], 'the outsider is limited');
    const own = await askForLink(test, 'victima@example.org', '198.51.100.10');
    assert.equal(own.status, 200);
    assert.match(own.text, /Revisa tu correo/);
    assert.equal(await emailsQueuedTo(test, 'victima@example.org'), 4);
  });

  it('still bounds the links one address receives from every client together', async () => {
    const statuses = [];
    for (let i = 1; i <= 7; i++) {
      statuses.push((await askForLink(test, 'buzon@example.org', `203.0.113.${i}`)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429]);
    assert.equal(await emailsQueuedTo(test, 'buzon@example.org'), 6);
  });

  it('says truthfully how long is left of the hour in Retry-After', async () => {
    for (let i = 0; i < 3; i++) await askForLink(test, 'espera@example.org', '203.0.113.90');
    const refused = await askForLink(test, 'espera@example.org', '203.0.113.90');
    assert.equal(refused.status, 429);
    const first = Number(refused.headers['retry-after']);
    assert.ok(first > HOUR_S - 30 && first <= HOUR_S, `Retry-After ${first} is about an hour`);

    // Ten minutes left of the window: the answer says ten minutes.
    await test.database.db
      .update(rateLimits)
      .set({ resetAt: sql`now() + interval '600 seconds'` })
      .where(like(rateLimits.key, '%espera@example.org'));
    const later = await askForLink(test, 'espera@example.org', '203.0.113.90');
    assert.equal(later.status, 429);
    const left = Number(later.headers['retry-after']);
    assert.ok(left > 570 && left <= 600, `Retry-After ${left} is about ten minutes`);
  });
});

describe('an address longer than any real one', () => {
  it('is refused by the form and never becomes a counter', async () => {
    const test = await appWith({});
    try {
      const huge = `${'a'.repeat(400)}@example.org`;
      const response = await askForLink(test, huge, '203.0.113.5');
      assert.equal(response.status, 422);
      const counters = await test.database.db
        .select({ key: rateLimits.key })
        .from(rateLimits)
        .where(like(rateLimits.key, 'sign-in-address%'));
      assert.deepEqual(counters, []);
    } finally {
      await test.close();
    }
  });
});

describe('asking again for a link moments later', () => {
  let test: TestApp;
  before(async () => {
    test = await appWith({ resendAfterSeconds: 60 });
  });
  after(() => test.close());

  it('answers with a page that the link was already sent, and sends no other', async () => {
    const first = await askForLink(test, 'impaciente@example.org', '198.51.100.20');
    assert.equal(first.status, 200);
    assert.match(first.text, /Revisa tu correo/);
    const again = await askForLink(test, 'Impaciente@example.org', '198.51.100.20');
    assert.equal(again.status, 200);
    assert.match(again.text, /Ya te enviamos un enlace/);
    assert.match(
      again.text,
      /Hace un momento enviamos un enlace para entrar a Impaciente@example.org/,
    );
    assert.match(again.text, /correo no deseado/);
    assert.equal(await emailsQueuedTo(test, 'impaciente@example.org'), 1);
  });

  it('sends a new link once the short window has passed', async () => {
    await askForLink(test, 'despues@example.org', '198.51.100.21');
    await test.database.db
      .update(loginTokens)
      .set({ createdAt: sql`now() - interval '61 seconds'` })
      .where(eq(loginTokens.email, 'despues@example.org'));
    const again = await askForLink(test, 'despues@example.org', '198.51.100.21');
    assert.match(again.text, /Revisa tu correo/);
    assert.equal(await emailsQueuedTo(test, 'despues@example.org'), 2);
  });
});
