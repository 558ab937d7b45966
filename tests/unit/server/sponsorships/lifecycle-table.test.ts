import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sponsorshipStatuses, type SponsorshipStatus } from '../../../../models/schema/index.ts';
import {
  canChangeSponsorship,
  isSponsorshipTransition,
  sponsorshipTransitions,
  type SponsorshipTransition,
} from '../../../../server/sponsorships/lifecycle.ts';

// The design's table, written out by hand: [transition, from, to]; only the office's members act.
const table: [string, SponsorshipStatus, SponsorshipStatus][] = [
  ['fulfill', 'pledged', 'fulfilled'],
  ['withdraw', 'pledged', 'withdrawn'],
];
const names = [...new Set(table.map(([name]) => name))];

describe('the sponsorship transition table', () => {
  it('names exactly the transitions of the design', () => {
    assert.deepEqual(Object.keys(sponsorshipTransitions).sort(), [...names].sort());
    for (const name of names) assert.equal(isSponsorshipTransition(name), true, name);
    for (const name of ['cancel', 'pledge', 'toString', '__proto__', '', 0, undefined]) {
      assert.equal(isSponsorshipTransition(name), false, String(name));
    }
  });

  it('allows every (transition, from status, actor) pair in the table and refuses all others', () => {
    for (const name of names) {
      for (const status of sponsorshipStatuses) {
        for (const isOfficeMember of [false, true]) {
          const inTable = table.some(([n, from]) => n === name && from === status);
          assert.equal(
            canChangeSponsorship(name as SponsorshipTransition, status, isOfficeMember),
            inTable && isOfficeMember,
            `${name} from ${status}, office member ${isOfficeMember}`,
          );
        }
      }
    }
  });

  it('takes each transition to the status of the table', () => {
    for (const [name, , to] of table) {
      assert.equal(sponsorshipTransitions[name as SponsorshipTransition].to, to, name);
    }
  });
});
