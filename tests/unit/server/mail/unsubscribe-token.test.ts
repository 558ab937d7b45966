import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
} from '../../../../server/mail/unsubscribe-token.ts';

// Tokens are built here from their documented format, not by the code under test:
// base64url("<user id>.<scope>") "." base64url(HMAC-SHA256(secret, "unsubscribe:<user id>.<scope>")).

const secret = 'a-test-secret-that-is-long-enough-123456';
const config = { sessionSecret: secret, baseUrl: 'https://retos.test' };
const userId = '3f2b8c1e-7a4d-4b6e-9c0a-1d2e3f4a5b6c';
const otherUserId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const signature = (payload: string, key = secret) =>
  createHmac('sha256', key).update(`unsubscribe:${payload}`).digest();
/** A token as the format defines it, optionally with another signature. */
function token(payload: string, sig: Buffer = signature(payload)): string {
  return `${b64(payload)}.${b64(sig)}`;
}

describe('unsubscribe tokens', () => {
  it('are exactly the documented payload and full HMAC-SHA256 signature', () => {
    for (const scope of ['pledge', 'claim', 'all'] as const) {
      const expected = token(`${userId}.${scope}`);
      assert.equal(unsubscribeToken(config, userId, scope), expected);
      assert.equal(expected.split('.')[1]!.length, 43, 'a 32-byte signature is 43 characters');
    }
    assert.equal(
      unsubscribeUrl(config, userId, 'claim'),
      `https://retos.test/avisos/baja/${token(`${userId}.claim`)}`,
    );
  });

  it('read back the person and scope of a token signed independently', () => {
    assert.deepEqual(readUnsubscribeToken(config, token(`${userId}.pledge`)), {
      userId,
      scope: 'pledge',
    });
    assert.deepEqual(readUnsubscribeToken(config, token(`${otherUserId}.all`)), {
      userId: otherUserId,
      scope: 'all',
    });
  });

  it('refuse a shortened signature', () => {
    const full = signature(`${userId}.pledge`);
    for (const length of [31, 24, 16, 8, 1]) {
      assert.equal(
        readUnsubscribeToken(config, token(`${userId}.pledge`, full.subarray(0, length))),
        null,
        `${length} bytes`,
      );
    }
    const [payload, sig] = token(`${userId}.pledge`).split('.') as [string, string];
    assert.equal(readUnsubscribeToken(config, `${payload}.${sig.slice(0, -1)}`), null);
    assert.equal(readUnsubscribeToken(config, `${payload}.`), null);
  });

  it('refuse a lengthened signature', () => {
    const full = signature(`${userId}.pledge`);
    for (const extra of [Buffer.from([0]), full, Buffer.alloc(8, 0xff)]) {
      assert.equal(
        readUnsubscribeToken(config, token(`${userId}.pledge`, Buffer.concat([full, extra]))),
        null,
      );
    }
  });

  it('refuse a signature made with another key, or without the purpose prefix', () => {
    const payload = `${userId}.pledge`;
    const otherKey = signature(payload, 'another-secret-that-is-long-enough-654321');
    assert.equal(readUnsubscribeToken(config, token(payload, otherKey)), null);
    const unprefixed = createHmac('sha256', secret).update(payload).digest();
    assert.equal(readUnsubscribeToken(config, token(payload, unprefixed)), null);
  });

  it('refuse a signature moved to another person or another kind', () => {
    const sig = signature(`${userId}.pledge`);
    assert.equal(readUnsubscribeToken(config, token(`${otherUserId}.pledge`, sig)), null);
    assert.equal(readUnsubscribeToken(config, token(`${userId}.all`, sig)), null);
    assert.equal(readUnsubscribeToken(config, token(`${userId}.claim`, sig)), null);
  });

  it('refuse a tampered payload or signature', () => {
    const good = token(`${userId}.pledge`);
    const [payload, sig] = good.split('.') as [string, string];
    // The first character of each part carries six whole bits: changing it always changes them.
    const flipFirst = (text: string) => `${text.startsWith('A') ? 'B' : 'A'}${text.slice(1)}`;
    assert.equal(readUnsubscribeToken(config, `${flipFirst(payload)}.${sig}`), null);
    assert.equal(readUnsubscribeToken(config, `${payload}.${flipFirst(sig)}`), null);
    const flippedByte = signature(`${userId}.pledge`);
    flippedByte[31] = flippedByte[31]! ^ 1;
    assert.equal(readUnsubscribeToken(config, token(`${userId}.pledge`, flippedByte)), null);
  });

  it('refuse garbage, missing parts and extra parts', () => {
    const good = token(`${userId}.pledge`);
    for (const bad of [
      '',
      '.',
      'x',
      good.split('.')[0]!,
      `.${good.split('.')[1]}`,
      `${good}.extra`,
      '%%%.###',
      '!!!!.????',
      'x'.repeat(400),
      `${good}${'A'.repeat(300)}`,
    ]) {
      assert.equal(readUnsubscribeToken(config, bad), null, JSON.stringify(bad.slice(0, 40)));
    }
  });

  it('refuse a well-signed token for an unknown kind or a malformed id', () => {
    assert.equal(readUnsubscribeToken(config, token(`${userId}.everything`)), null);
    assert.equal(readUnsubscribeToken(config, token(`${userId}.sign_in`)), null);
    assert.equal(readUnsubscribeToken(config, token('not-a-uuid.pledge')), null);
    assert.equal(readUnsubscribeToken(config, token(`${userId}`)), null);
    // Signed, but not the format: a payload only means one person and one scope.
    assert.equal(readUnsubscribeToken(config, token(`${userId}.pledge.extra`)), null);
  });
});
