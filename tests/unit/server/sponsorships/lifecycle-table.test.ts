import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sponsorshipStatuses, type SponsorshipStatus } from '../../../../models/schema/index.ts';
import {
  canAmendSponsorship,
  canChangeSponsorship,
  isOverdue,
  isSponsorshipTransition,
  sponsorshipTransitions,
  type PledgeSides,
  type SponsorshipTransition,
} from '../../../../server/sponsorships/lifecycle.ts';

// The design's table, written out by hand: [transition, from, to, who acts].
const table: [string, SponsorshipStatus, SponsorshipStatus, 'office' | 'receiver'][] = [
  ['fulfill', 'pledged', 'fulfilled', 'office'],
  ['fulfill', 'disputed', 'fulfilled', 'office'],
  ['confirm', 'fulfilled', 'confirmed', 'receiver'],
  ['dispute', 'fulfilled', 'disputed', 'receiver'],
  ['withdraw', 'pledged', 'withdrawn', 'office'],
  ['withdraw', 'disputed', 'withdrawn', 'office'],
];
const names = [...new Set(table.map(([name]) => name))];
const everySide: PledgeSides[] = [
  { office: false, receiver: false },
  { office: true, receiver: false },
  { office: false, receiver: true },
  { office: true, receiver: true },
];

// The receiver answers only when it is not also the office: nobody confirms their own delivery.
const actsAs = (side: 'office' | 'receiver', sides: PledgeSides) =>
  side === 'office' ? sides.office : sides.receiver && !sides.office;

describe('the sponsorship transition table', () => {
  it('names exactly the transitions of the design', () => {
    assert.deepEqual(Object.keys(sponsorshipTransitions).sort(), [...names].sort());
    for (const name of names) assert.equal(isSponsorshipTransition(name), true, name);
    for (const name of ['cancel', 'pledge', 'amend', 'toString', '__proto__', '', 0, undefined]) {
      assert.equal(isSponsorshipTransition(name), false, String(name));
    }
  });

  it('allows every (transition, from status, side) of the table and refuses all others', () => {
    for (const name of names) {
      for (const status of sponsorshipStatuses) {
        for (const sides of everySide) {
          const allowed = table.some(
            ([n, from, , side]) => n === name && from === status && actsAs(side, sides),
          );
          assert.equal(
            canChangeSponsorship(name as SponsorshipTransition, status, sides),
            allowed,
            `${name} from ${status}, ${JSON.stringify(sides)}`,
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

  it('lets only the office amend, and only before delivery or after a dispute', () => {
    for (const status of sponsorshipStatuses) {
      for (const sides of everySide) {
        assert.equal(
          canAmendSponsorship(status, sides),
          sides.office && (status === 'pledged' || status === 'disputed'),
          `amend from ${status}, ${JSON.stringify(sides)}`,
        );
      }
    }
  });

  it('calls a pledge overdue only when pledged and past its promised day', () => {
    const today = '2027-03-10';
    for (const status of sponsorshipStatuses) {
      assert.equal(isOverdue({ status, dueOn: '2027-03-09' }, today), status === 'pledged', status);
    }
    assert.equal(isOverdue({ status: 'pledged', dueOn: today }, today), false, 'due today');
    assert.equal(isOverdue({ status: 'pledged', dueOn: null }, today), false, 'no promised day');
  });
});
