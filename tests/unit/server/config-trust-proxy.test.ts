import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../server/config.ts';

const trustProxy = (value: string) => parseConfig({ TRUST_PROXY: value }).trustProxy;

function refusal(value: string): string {
  try {
    parseConfig({ TRUST_PROXY: value });
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`TRUST_PROXY=${value} was accepted`);
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told', () => {
    assert.equal(parseConfig({}).trustProxy, false);
    assert.equal(trustProxy(''), false);
    assert.equal(trustProxy('false'), false);
    assert.equal(trustProxy('0'), false);
  });

  it('takes a number of proxy hops', () => {
    assert.equal(trustProxy('1'), 1);
    assert.equal(trustProxy('2'), 2);
  });

  it('takes a comma-separated list of proxy addresses and subnets', () => {
    assert.deepEqual(trustProxy('10.0.0.1'), ['10.0.0.1']);
    assert.deepEqual(trustProxy('loopback, 10.0.0.0/8, fd00::/8, 192.168.0.0/255.255.0.0'), [
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.0.0/255.255.0.0',
    ]);
  });

  it('refuses true, which would let any client choose its own address', () => {
    const message = refusal('true');
    assert.match(message, /^Invalid configuration: TRUST_PROXY must not be true/);
    assert.match(message, /such as 1/);
    assert.doesNotMatch(message, /\n/);
    assert.match(refusal('TRUE'), /TRUST_PROXY must not be true/);
  });

  it('refuses what is neither a hop count nor addresses, with one line naming the variable', () => {
    for (const value of ['yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '1.5', ',']) {
      assert.match(refusal(value), /^Invalid configuration: TRUST_PROXY must be /, value);
    }
    assert.match(refusal('50'), /TRUST_PROXY must be at most 10 proxy hops/);
  });
});
