import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, organizationKinds } from '../../../../models/schema/index.ts';
import {
  canBeSponsored,
  officeRefusal,
  pledgeRefusal,
} from '../../../../server/sponsorships/permissions.ts';

const verified = new Date('2026-01-01T00:00:00Z');
const office = { kind: 'government', verifiedAt: verified } as const;

// Who acts for the office: only its own members may pledge in its name.
const people = {
  signedOut: false,
  outsider: false,
  volunteer: false,
  otherOrganizationMember: false,
  moderator: false,
  member: true,
  organizationOwner: true,
} as const;

describe('sponsorship permissions', () => {
  it('officeRefusal: only verified government offices sponsor', () => {
    for (const kind of organizationKinds) {
      for (const verifiedAt of [verified, null]) {
        const expected =
          kind !== 'government' ? 'notGovernment' : verifiedAt ? undefined : 'notVerified';
        assert.equal(officeRefusal({ kind, verifiedAt }), expected, `${kind}, ${verifiedAt}`);
      }
    }
  });

  it('pledgeRefusal: members of a verified office may pledge; nobody else', () => {
    for (const [person, isMember] of Object.entries(people)) {
      assert.equal(pledgeRefusal(office, isMember), isMember ? undefined : 'notMember', person);
    }
  });

  it('pledgeRefusal: membership is asked first, then the office', () => {
    assert.equal(pledgeRefusal({ kind: 'community', verifiedAt: verified }, false), 'notMember');
    assert.equal(pledgeRefusal({ kind: 'community', verifiedAt: verified }, true), 'notGovernment');
    assert.equal(pledgeRefusal({ kind: 'government', verifiedAt: null }, true), 'notVerified');
    assert.equal(pledgeRefusal({ kind: 'government', verifiedAt: null }, false), 'notMember');
  });

  it('canBeSponsored: open and in-progress challenges only', () => {
    const expected: Record<(typeof challengeStatuses)[number], boolean> = {
      draft: false,
      open: true,
      in_progress: true,
      solved: false,
      closed: false,
    };
    for (const status of challengeStatuses) {
      assert.equal(canBeSponsored({ status }), expected[status], status);
    }
  });
});
