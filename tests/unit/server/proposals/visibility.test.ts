import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengeStatuses, proposalStatuses } from '../../../../models/schema/index.ts';
import {
  canViewProposal,
  isPrivateDraft,
  isPublicProposal,
} from '../../../../server/proposals/visibility.ts';

const published = { status: 'open' } as const;
const draftChallenge = { status: 'draft' } as const;
const team = { isTeamMember: true, isInvited: false, isChallengeMember: false };
const invitee = { isTeamMember: false, isInvited: true, isChallengeMember: false };
const organization = { isTeamMember: false, isInvited: false, isChallengeMember: true };
const anyone = { isTeamMember: false, isInvited: false, isChallengeMember: false };
const unsent = { status: 'withdrawn', submittedAt: null } as const;

describe('who sees a proposal', () => {
  it('keeps drafts, and drafts withdrawn before they were sent, private', () => {
    for (const status of proposalStatuses) {
      const submittedAt = status === 'draft' ? null : new Date();
      const proposal = { status, submittedAt };
      assert.equal(isPrivateDraft(proposal), status === 'draft', status);
      assert.equal(isPublicProposal(proposal, published), status !== 'draft', status);
    }
    assert.equal(isPrivateDraft(unsent), true);
    assert.equal(isPublicProposal(unsent, published), false);
  });

  it('shows a public proposal only on a published challenge', () => {
    const sent = { status: 'submitted', submittedAt: new Date() } as const;
    for (const status of challengeStatuses) {
      assert.equal(isPublicProposal(sent, { status }), status !== 'draft', status);
    }
  });

  it('shows private drafts to the team and its invitees, and nobody else', () => {
    for (const proposal of [{ status: 'draft', submittedAt: null } as const, unsent]) {
      const target = { proposal, challenge: published };
      assert.equal(canViewProposal(target, team), true);
      assert.equal(canViewProposal(target, invitee), true);
      assert.equal(canViewProposal(target, organization), false);
      assert.equal(canViewProposal(target, anyone), false);
    }
  });

  it('shows a proposal on a draft challenge to the posting organization and the team only', () => {
    const target = {
      proposal: { status: 'submitted', submittedAt: new Date() } as const,
      challenge: draftChallenge,
    };
    assert.equal(canViewProposal(target, organization), true);
    assert.equal(canViewProposal(target, team), true);
    assert.equal(canViewProposal(target, anyone), false);
    assert.equal(canViewProposal({ ...target, challenge: published }, anyone), true);
  });
});
