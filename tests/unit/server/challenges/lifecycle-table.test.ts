import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, type ChallengeStatus } from '../../../../models/schema/index.ts';
import {
  availableTransitions,
  canTransition,
  challengeTransitions,
  isChallengeTransition,
  type ChallengeTransition,
} from '../../../../server/challenges/lifecycle.ts';

// The design's table, written out by hand: adding, removing or widening a transition in the
// code makes this file fail. [transition, from, to, who].
type Who = 'member' | 'member or moderator';
const table: [string, ChallengeStatus, ChallengeStatus, Who][] = [
  ['publish', 'draft', 'open', 'member'],
  ['start', 'open', 'in_progress', 'member'],
  ['solve', 'in_progress', 'solved', 'member'],
  ['close', 'open', 'closed', 'member or moderator'],
  ['close', 'in_progress', 'closed', 'member or moderator'],
  ['reopen', 'closed', 'open', 'member'],
];
const names = [...new Set(table.map(([name]) => name))];

const actors = [
  { isMember: false, isModerator: false },
  { isMember: true, isModerator: false },
  { isMember: false, isModerator: true },
  { isMember: true, isModerator: true },
];

describe('the challenge transition table', () => {
  it('names exactly the transitions of the design', () => {
    assert.deepEqual(Object.keys(challengeTransitions).sort(), [...names].sort());
    for (const name of names) assert.equal(isChallengeTransition(name), true, name);
    for (const name of ['archive', 'delete', 'toString', '__proto__', 'constructor', '', 1, null]) {
      assert.equal(isChallengeTransition(name), false, String(name));
    }
  });

  it('allows every (transition, from status, actor) pair in the table and refuses all others', () => {
    for (const name of names) {
      for (const status of challengeStatuses) {
        for (const actor of actors) {
          const row = table.find(([n, from]) => n === name && from === status);
          const expected =
            row !== undefined &&
            (row[3] === 'member' ? actor.isMember : actor.isMember || actor.isModerator);
          assert.equal(
            canTransition(name as ChallengeTransition, status, actor),
            expected,
            `${name} from ${status} by ${JSON.stringify(actor)}`,
          );
        }
      }
    }
  });

  it('takes each transition to the status of the table', () => {
    for (const [name, , to] of table) {
      assert.equal(challengeTransitions[name as ChallengeTransition].to, to, name);
    }
  });

  it('offers, from each status, exactly the transitions of the table', () => {
    const everyone = { isMember: true, isModerator: true };
    for (const status of challengeStatuses) {
      const expected = names.filter((name) =>
        table.some(([n, from]) => n === name && from === status),
      );
      assert.deepEqual(availableTransitions(status, everyone), expected, status);
    }
  });
});
