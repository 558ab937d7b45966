import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../server/config.ts';
import { databaseOptionsFromConfig } from '../../../server/db/database.ts';

describe('database settings', () => {
  it('default to 10 connections, a 1.5 s wait for one, and a minute of waiting at start', () => {
    const config = parseConfig({});
    assert.deepEqual(config.databasePool, { size: 10, acquireTimeoutMs: 1500 });
    assert.equal(config.databaseStartupWaitMs, 60_000);
  });

  it('are read from the environment and reach the pool', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgres://retos@db.example.org/retos',
      DATABASE_POOL_SIZE: '25',
      DATABASE_ACQUIRE_TIMEOUT_MS: '800',
      DATABASE_STARTUP_WAIT_MS: '0',
    });
    assert.deepEqual(config.databasePool, { size: 25, acquireTimeoutMs: 800 });
    assert.equal(config.databaseStartupWaitMs, 0);
    assert.deepEqual(databaseOptionsFromConfig(config), {
      kind: 'postgres',
      url: 'postgres://retos@db.example.org/retos',
      poolSize: 25,
      acquireTimeoutMs: 800,
    });
  });

  const refused: [Record<string, string>, RegExp][] = [
    [{ DATABASE_POOL_SIZE: '0' }, /^Invalid configuration: DATABASE_POOL_SIZE must be a number/],
    [{ DATABASE_POOL_SIZE: 'diez' }, /^Invalid configuration: DATABASE_POOL_SIZE must be/],
    [
      { DATABASE_ACQUIRE_TIMEOUT_MS: '10' },
      /DATABASE_ACQUIRE_TIMEOUT_MS must be a number of milliseconds/,
    ],
    [
      { DATABASE_STARTUP_WAIT_MS: '-1' },
      /DATABASE_STARTUP_WAIT_MS must be a number of milliseconds/,
    ],
    [
      { DATABASE_STARTUP_WAIT_MS: '1.5' },
      /DATABASE_STARTUP_WAIT_MS must be a number of milliseconds/,
    ],
  ];
  for (const [env, message] of refused) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(
        () => parseConfig(env),
        (error: Error) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }
});
