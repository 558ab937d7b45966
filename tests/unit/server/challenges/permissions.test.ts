import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, type ChallengeStatus } from '../../../../models/schema/index.ts';
import {
  canEditChallenge,
  canPostChallengeFor,
  canReplicateChallenge,
  canViewChallenge,
  canWatchChallenge,
} from '../../../../server/challenges/permissions.ts';

// The people every rule is asked about, as the services see them: signed in or not, and whether
// they belong to the organization concerned (the owner of the challenge, or the target).
const people = {
  signedOut: { signedIn: false, isMember: false },
  outsider: { signedIn: true, isMember: false },
  volunteer: { signedIn: true, isMember: false },
  otherOrganizationMember: { signedIn: true, isMember: false },
  member: { signedIn: true, isMember: true },
  organizationOwner: { signedIn: true, isMember: true },
  moderator: { signedIn: true, isMember: false },
} as const;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];
const members: Person[] = ['member', 'organizationOwner'];
const published = challengeStatuses.filter((status) => status !== 'draft');

function expectFor(
  rule: (status: ChallengeStatus, person: Person) => boolean,
  allowed: (status: ChallengeStatus, person: Person) => boolean,
) {
  for (const status of challengeStatuses) {
    for (const person of everyone) {
      assert.equal(rule(status, person), allowed(status, person), `${person} on ${status}`);
    }
  }
}

describe('challenge permissions', () => {
  it('canViewChallenge: a draft only to members; published ones to everyone', () => {
    expectFor(
      (status, person) => canViewChallenge({ status }, people[person].isMember),
      (status, person) => status !== 'draft' || members.includes(person),
    );
    assert.deepEqual(published, ['open', 'in_progress', 'solved', 'closed']);
  });

  it('canEditChallenge: members of the owning organization only, in any status', () => {
    for (const person of everyone) {
      assert.equal(canEditChallenge(people[person].isMember), members.includes(person), person);
    }
  });

  it('canPostChallengeFor: members of the organization only', () => {
    for (const person of everyone) {
      assert.equal(canPostChallengeFor(people[person].isMember), members.includes(person), person);
    }
  });

  it('canReplicateChallenge: a published challenge, into an organization one belongs to', () => {
    expectFor(
      (status, person) => canReplicateChallenge({ status }, people[person].isMember),
      (status, person) => status !== 'draft' && members.includes(person),
    );
  });

  it('canWatchChallenge: anyone signed in, on a published challenge', () => {
    expectFor(
      (status, person) => canWatchChallenge({ status }, people[person].signedIn),
      (status, person) => status !== 'draft' && person !== 'signedOut',
    );
  });
});
