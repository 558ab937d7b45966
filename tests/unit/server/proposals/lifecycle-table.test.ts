import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposalStatuses, type ProposalStatus } from '../../../../models/schema/index.ts';
import {
  canTransitionProposal,
  proposalTransitions,
  transitionRefusal,
  type LifecycleActor,
  type ProposalTransition,
} from '../../../../server/proposals/lifecycle.ts';

// The design's table, written out by hand: adding, removing or widening a transition in the
// code makes this file fail. [transition, from, to, who].
type Who = 'lead' | 'team' | 'challengeOrganization' | 'adopter';
const table: [string, ProposalStatus, ProposalStatus, Who][] = [
  ['submit', 'draft', 'submitted', 'lead'],
  ['accept', 'submitted', 'accepted', 'challengeOrganization'],
  ['decline', 'submitted', 'declined', 'challengeOrganization'],
  ['start', 'accepted', 'in_progress', 'team'],
  ['confirmDelivery', 'in_progress', 'delivered', 'challengeOrganization'],
  ['adopt', 'delivered', 'adopted', 'adopter'],
  ['withdraw', 'draft', 'withdrawn', 'team'],
  ['withdraw', 'submitted', 'withdrawn', 'team'],
  ['withdraw', 'accepted', 'withdrawn', 'team'],
  ['withdraw', 'in_progress', 'withdrawn', 'team'],
];
const names = [...new Set(table.map(([name]) => name))];

const flags = [
  'isLead',
  'isTeamMember',
  'isChallengeMember',
  'onTeamAndOrganization',
  'isAdopter',
] as const;
// Every combination of the five flags: 32 actors.
const actors: LifecycleActor[] = Array.from({ length: 2 ** flags.length }, (_, bits) =>
  Object.fromEntries(flags.map((flag, i) => [flag, Boolean(bits & (1 << i))])),
) as unknown as LifecycleActor[];

const mayAct = (who: Who, actor: LifecycleActor) =>
  who === 'lead'
    ? actor.isLead
    : who === 'team'
      ? actor.isTeamMember
      : who === 'adopter'
        ? actor.isAdopter
        : actor.isChallengeMember;

describe('the proposal transition table', () => {
  it('names exactly the transitions of the design', () => {
    assert.deepEqual(Object.keys(proposalTransitions).sort(), [...names].sort());
  });

  it('allows every (transition, from status, actor) pair in the table and refuses all others', () => {
    for (const name of names) {
      for (const status of proposalStatuses) {
        for (const actor of actors) {
          const row = table.find(([n, from]) => n === name && from === status);
          const expected = row !== undefined && mayAct(row[3], actor);
          const label = `${name} from ${status} by ${JSON.stringify(actor)}`;
          assert.equal(
            canTransitionProposal(name as ProposalTransition, status, actor),
            expected,
            label,
          );
          assert.equal(
            transitionRefusal(name as ProposalTransition, status, actor) === undefined,
            expected,
            label,
          );
        }
      }
    }
  });

  it('takes each transition to the status of the table', () => {
    for (const [name, , to] of table) {
      assert.equal(proposalTransitions[name as ProposalTransition].to, to, name);
    }
  });
});
