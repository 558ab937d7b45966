import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimDeadline, claimExpiryCutoff } from '../../../../server/claims/expiry.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-03-15T18:00:00.000Z');

describe('claim expiry dates', () => {
  it('expires what was last active before the cutoff, N days ago', () => {
    assert.equal(claimExpiryCutoff(now, 14).toISOString(), '2026-03-01T18:00:00.000Z');
    assert.equal(claimExpiryCutoff(now, 3).getTime(), now.getTime() - 3 * DAY);
  });

  it('counts the days left, rounding up, and never below zero', () => {
    const fresh = claimDeadline(now, 14, now);
    assert.equal(fresh.daysLeft, 14);
    assert.equal(fresh.expiresAt.toISOString(), '2026-03-29T18:00:00.000Z');
    assert.equal(claimDeadline(new Date(now.getTime() - 12 * DAY - 1), 14, now).daysLeft, 2);
    assert.equal(claimDeadline(new Date(now.getTime() - 13.5 * DAY), 14, now).daysLeft, 1);
    assert.equal(claimDeadline(new Date(now.getTime() - 20 * DAY), 14, now).daysLeft, 0);
  });
});
