import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, claimStatuses, type User } from '../../../../models/schema/index.ts';
import {
  canReleaseClaimAsOrganization,
  canReleaseOwnClaim,
  claimRefusal,
  isClaimable,
  showsClaims,
} from '../../../../server/claims/permissions.ts';

const person = (overrides: Partial<User> = {}) =>
  ({ id: 'u1', githubId: 42, githubLogin: 'luz', deletedAt: null, ...overrides }) as User;
const open = { status: 'open', archived: false } as const;

describe('claim permissions', () => {
  it('lets a volunteer claim an open challenge', () => {
    assert.equal(claimRefusal(person(), open), undefined);
  });

  it('refuses visitors, people without GitHub and deleted accounts', () => {
    assert.equal(claimRefusal(undefined, open), 'notVolunteer');
    assert.equal(claimRefusal(person({ githubId: null }), open), 'notVolunteer');
    assert.equal(claimRefusal(person({ deletedAt: new Date() }), open), 'notVolunteer');
  });

  it('refuses challenges that are not open, or archived', () => {
    for (const status of ['draft', 'in_progress', 'solved', 'closed'] as const) {
      assert.equal(claimRefusal(person(), { status, archived: false }), 'notOpen', status);
      assert.equal(isClaimable({ status, archived: false }), false, status);
    }
    assert.equal(claimRefusal(person(), { status: 'open', archived: true }), 'notOpen');
    assert.equal(isClaimable(open), true);
  });

  it('shows claims while the work can go on', () => {
    assert.equal(showsClaims({ status: 'open' }), true);
    assert.equal(showsClaims({ status: 'in_progress' }), true);
    assert.equal(showsClaims({ status: 'solved' }), false);
    assert.equal(showsClaims({ status: 'closed' }), false);
  });

  it('lets only the volunteer release their own active claim', () => {
    assert.equal(canReleaseOwnClaim({ userId: 'u1', status: 'active' }, 'u1'), true);
    assert.equal(canReleaseOwnClaim({ userId: 'u1', status: 'active' }, 'u2'), false);
    assert.equal(canReleaseOwnClaim({ userId: 'u1', status: 'active' }, undefined), false);
    assert.equal(canReleaseOwnClaim({ userId: 'u1', status: 'expired' }, 'u1'), false);
  });

  it('lets members of the challenge organization release active claims', () => {
    assert.equal(canReleaseClaimAsOrganization({ status: 'active' }, true), true);
    assert.equal(canReleaseClaimAsOrganization({ status: 'active' }, false), false);
    assert.equal(canReleaseClaimAsOrganization({ status: 'released' }, true), false);
  });

  it('lets a claim be released only while it is active, from every status', () => {
    // Written out: released, expired and ended are final.
    const releasable = { active: true, released: false, expired: false, ended: false };
    assert.deepEqual([...claimStatuses].sort(), Object.keys(releasable).sort());
    for (const status of claimStatuses) {
      const expected = releasable[status];
      assert.equal(canReleaseOwnClaim({ userId: 'u1', status }, 'u1'), expected, status);
      assert.equal(canReleaseClaimAsOrganization({ status }, true), expected, status);
      assert.equal(canReleaseOwnClaim({ userId: 'u1', status }, 'u2'), false, status);
      assert.equal(canReleaseClaimAsOrganization({ status }, false), false, status);
    }
  });

  it('shows claims for exactly the open and in-progress statuses', () => {
    for (const status of challengeStatuses) {
      assert.equal(showsClaims({ status }), status === 'open' || status === 'in_progress', status);
    }
  });
});
