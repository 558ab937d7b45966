import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, type ChallengeStatus } from '../../../../models/schema/index.ts';
import {
  availableTransitions,
  canTransition,
  challengeTransitions,
  type ChallengeTransition,
} from '../../../../server/challenges/lifecycle.ts';

const member = { isMember: true, isModerator: false };
const moderator = { isMember: false, isModerator: true };
const stranger = { isMember: false, isModerator: false };

// The design's state machine, written out by hand: [transition, from, to].
const allowed: [ChallengeTransition, ChallengeStatus, ChallengeStatus][] = [
  ['publish', 'draft', 'open'],
  ['start', 'open', 'in_progress'],
  ['solve', 'in_progress', 'solved'],
  ['close', 'open', 'closed'],
  ['close', 'in_progress', 'closed'],
  ['reopen', 'closed', 'open'],
];

describe('challenge lifecycle', () => {
  it('allows exactly the transitions of the design, to the right status', () => {
    for (const name of Object.keys(challengeTransitions) as ChallengeTransition[]) {
      for (const status of challengeStatuses) {
        const expected = allowed.find(([n, from]) => n === name && from === status);
        assert.equal(
          canTransition(name, status, member),
          Boolean(expected),
          `${name} from ${status}`,
        );
        if (expected) assert.equal(challengeTransitions[name].to, expected[2]);
      }
    }
  });

  it('refuses everything to people outside the organization', () => {
    for (const name of Object.keys(challengeTransitions) as ChallengeTransition[]) {
      for (const status of challengeStatuses)
        assert.equal(canTransition(name, status, stranger), false);
    }
  });

  it('lets moderators close, and nothing else', () => {
    assert.deepEqual(availableTransitions('open', moderator), ['close']);
    assert.deepEqual(availableTransitions('in_progress', moderator), ['close']);
    assert.deepEqual(availableTransitions('draft', moderator), []);
    assert.deepEqual(availableTransitions('closed', moderator), []);
  });

  it('leaves a solved challenge with nowhere to go', () => {
    assert.deepEqual(availableTransitions('solved', member), []);
  });
});
