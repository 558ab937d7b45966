import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestCutoff } from '../../../../server/notifications/digest.ts';

// Mexico City is UTC−6 all year (no daylight saving time since 2022).
describe('the daily digest time', () => {
  it('is today at the hour, Mexico City time, once that hour has come', () => {
    assert.equal(
      digestCutoff(new Date('2026-11-23T15:30:00Z'), 8).toISOString(),
      '2026-11-23T14:00:00.000Z',
    );
    assert.equal(
      digestCutoff(new Date('2026-11-23T14:00:00Z'), 8).toISOString(),
      '2026-11-23T14:00:00.000Z',
    );
  });

  it('is yesterday at the hour before it comes', () => {
    assert.equal(
      digestCutoff(new Date('2026-11-23T13:59:59Z'), 8).toISOString(),
      '2026-11-22T14:00:00.000Z',
    );
  });

  it('follows the local date across midnight UTC', () => {
    // 01:00 UTC on the 24th is 19:00 on the 23rd in Mexico City.
    assert.equal(
      digestCutoff(new Date('2026-11-24T01:00:00Z'), 20).toISOString(),
      '2026-11-23T02:00:00.000Z',
    );
    assert.equal(
      digestCutoff(new Date('2026-11-24T03:00:00Z'), 20).toISOString(),
      '2026-11-24T02:00:00.000Z',
    );
    assert.equal(
      digestCutoff(new Date('2027-01-01T05:00:00Z'), 0).toISOString(),
      '2026-12-31T06:00:00.000Z',
    );
  });
});
