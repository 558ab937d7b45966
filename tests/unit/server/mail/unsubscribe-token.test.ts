import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
} from '../../../../server/mail/unsubscribe-token.ts';

const config = {
  sessionSecret: 'a-test-secret-that-is-long-enough-123456',
  baseUrl: 'https://retos.test',
};
const userId = '3f2b8c1e-7a4d-4b6e-9c0a-1d2e3f4a5b6c';

describe('unsubscribe tokens', () => {
  it('name the person and the kind, and read back', () => {
    const token = unsubscribeToken(config, userId, 'pledge');
    assert.deepEqual(readUnsubscribeToken(config, token), { userId, scope: 'pledge' });
    assert.deepEqual(readUnsubscribeToken(config, unsubscribeToken(config, userId, 'all')), {
      userId,
      scope: 'all',
    });
    assert.equal(
      unsubscribeUrl(config, userId, 'claim'),
      `https://retos.test/avisos/baja/${unsubscribeToken(config, userId, 'claim')}`,
    );
  });

  it('are refused when any part is changed', () => {
    const token = unsubscribeToken(config, userId, 'pledge');
    const [payload, signature] = token.split('.') as [string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    assert.equal(readUnsubscribeToken(config, `${payload}.${flip(signature, 5)}`), null);
    // Someone else's id, or another kind, with the original signature.
    const otherUser = Buffer.from(`${userId.replace('3f', '4f')}.pledge`).toString('base64url');
    assert.equal(readUnsubscribeToken(config, `${otherUser}.${signature}`), null);
    const otherKind = Buffer.from(`${userId}.all`).toString('base64url');
    assert.equal(readUnsubscribeToken(config, `${otherKind}.${signature}`), null);
    assert.equal(readUnsubscribeToken(config, payload), null);
    assert.equal(readUnsubscribeToken(config, `${token}.extra`), null);
    assert.equal(readUnsubscribeToken(config, ''), null);
    assert.equal(readUnsubscribeToken(config, 'x'.repeat(400)), null);
  });

  it('are refused when signed with another secret', () => {
    const forged = unsubscribeToken(
      { sessionSecret: 'another-secret-that-is-long-enough-654321' },
      userId,
      'pledge',
    );
    assert.equal(readUnsubscribeToken(config, forged), null);
  });

  it('refuse a well-signed token for an unknown kind or a malformed id', () => {
    const sign = (payload: string) =>
      // Build through the real signer by abusing its inputs, as a leaked key would allow.
      unsubscribeToken(config, payload.split('.')[0]!, payload.split('.')[1] as 'pledge');
    assert.equal(readUnsubscribeToken(config, sign(`${userId}.everything`)), null);
    assert.equal(readUnsubscribeToken(config, sign('not-a-uuid.pledge')), null);
  });
});
