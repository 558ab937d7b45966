import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from '../../../../server/mail/retry-delay.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// The README's promise: waits double from OUTBOX_RETRY_SECONDS, never beyond six hours.
const retry = { retryBaseMs: MINUTE, retryMaxMs: 6 * HOUR };

describe('retryDelayMs', () => {
  it('waits the base before the first retry', () => {
    assert.equal(retryDelayMs(1, retry), MINUTE);
    assert.equal(retryDelayMs(0, retry), MINUTE, 'no attempt yet waits no less than the base');
  });

  it('doubles with each further attempt', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempts) => retryDelayMs(attempts, retry));
    assert.deepEqual(
      waits,
      [1, 2, 4, 8, 16, 32, 64, 128, 256].map((m) => m * MINUTE),
    );
  });

  it('reaches the ceiling exactly and stays on it', () => {
    const hourly = { retryBaseMs: HOUR, retryMaxMs: 6 * HOUR };
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, hourly)),
      [HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR, 6 * HOUR],
    );
    const exact = { retryBaseMs: 1.5 * HOUR, retryMaxMs: 6 * HOUR };
    assert.equal(retryDelayMs(3, exact), 6 * HOUR, 'a doubling that lands on the ceiling');
    assert.equal(retryDelayMs(4, exact), 6 * HOUR);
  });

  it('is the ceiling far beyond it, never Infinity or NaN', () => {
    for (const attempts of [10, 50, 1000, 1024, 1025, 5000, Number.MAX_SAFE_INTEGER]) {
      const wait = retryDelayMs(attempts, retry);
      assert.equal(wait, 6 * HOUR, `${attempts} attempts`);
    }
    assert.equal(retryDelayMs(Number.POSITIVE_INFINITY, retry), 6 * HOUR);
    assert.equal(retryDelayMs(Number.NaN, retry), 6 * HOUR);
  });

  it('never waits longer than the ceiling even when the base is longer', () => {
    const daily = { retryBaseMs: 24 * HOUR, retryMaxMs: 6 * HOUR };
    assert.equal(retryDelayMs(1, daily), 6 * HOUR);
    assert.equal(retryDelayMs(30, daily), 6 * HOUR);
  });
});
