import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  challengeStatuses,
  proposalStatuses,
  type ProposalStatus,
  type User,
} from '../../../../models/schema/index.ts';
import {
  canCheckRepository,
  canEditProposal,
  canProposeFor,
  canSubmitProposal,
  canWithdrawProposal,
  challengeTakesProposals,
  isEditableStatus,
  submissionRefusal,
} from '../../../../server/proposals/permissions.ts';
import { nobody, type ProposalViewer } from '../../../../server/proposals/viewer.ts';

const person = (overrides: Partial<User> = {}): User =>
  ({
    id: 'u1',
    githubId: 42,
    githubLogin: 'octo',
    deletedAt: null,
    ...overrides,
  }) as User;

const open = { status: 'open', archived: false } as const;

const viewer = (userId: string, overrides: Partial<ProposalViewer>): ProposalViewer => ({
  ...nobody,
  userId,
  ...overrides,
});

const roles: Record<string, ProposalViewer> = {
  lead: viewer('lead', { isLead: true, isTeamMember: true }),
  member: viewer('m', { isTeamMember: true }),
  invitee: viewer('i', { isInvited: true }),
  organization: viewer('o', { isChallengeMember: true }),
  stranger: viewer('s', {}),
  anonymous: nobody,
};

const alive: ProposalStatus[] = ['draft', 'submitted', 'accepted', 'in_progress'];

describe('proposal permissions', () => {
  it('lets signed-in volunteers propose on open and in-progress challenges only', () => {
    for (const status of challengeStatuses) {
      const expected = status === 'open' || status === 'in_progress';
      assert.equal(canProposeFor(person(), { status, archived: false }), expected, status);
    }
    assert.equal(canProposeFor(person(), { status: 'open', archived: true }), false, 'archived');
    assert.equal(canProposeFor(undefined, open), false, 'anonymous');
    assert.equal(
      canProposeFor(person({ githubId: null, githubLogin: null }), open),
      false,
      'signed in by email',
    );
    assert.equal(canProposeFor(person({ deletedAt: new Date() }), open), false, 'deleted');
  });

  it('lets the lead submit a draft, nobody else and nothing else', () => {
    for (const status of proposalStatuses) {
      for (const [role, relation] of Object.entries(roles)) {
        const expected = status === 'draft' && role === 'lead';
        assert.equal(canSubmitProposal({ status }, relation, open), expected, `${role}, ${status}`);
      }
    }
    const closed = { status: 'closed', archived: false } as const;
    assert.equal(canSubmitProposal({ status: 'draft' }, roles.lead!, closed), false);
  });

  it('lets the team withdraw before delivery, and edit while alive', () => {
    for (const status of proposalStatuses) {
      for (const [role, relation] of Object.entries(roles)) {
        const expected = alive.includes(status) && (role === 'lead' || role === 'member');
        assert.equal(canWithdrawProposal({ status }, relation), expected, `${role}, ${status}`);
        assert.equal(canEditProposal({ status }, relation), expected, `${role}, ${status}`);
      }
    }
  });

  it('lets the team check a repository it has given', () => {
    const withRepository = { repositoryUrl: 'https://github.com/a/b' };
    assert.equal(canCheckRepository(withRepository, roles.member!), true);
    assert.equal(canCheckRepository(withRepository, roles.organization!), false);
    assert.equal(canCheckRepository(withRepository, roles.invitee!), false);
    assert.equal(canCheckRepository({ repositoryUrl: null }, roles.lead!), false);
  });

  it('takes proposals on open and in-progress challenges that are not archived', () => {
    const takes = ['open', 'in_progress'];
    for (const status of challengeStatuses) {
      assert.equal(challengeTakesProposals({ status, archived: false }), takes.includes(status));
      assert.equal(
        challengeTakesProposals({ status, archived: true }),
        false,
        `${status} archived`,
      );
    }
  });

  it('counts as editable exactly the statuses of a living proposal', () => {
    for (const status of proposalStatuses) {
      assert.equal(isEditableStatus(status), alive.includes(status), status);
    }
  });

  it('says why the viewer may not submit, or nothing when they may', () => {
    const closed = { status: 'closed', archived: false } as const;
    for (const status of proposalStatuses) {
      for (const [role, relation] of Object.entries(roles)) {
        const expected =
          status !== 'draft'
            ? 'proposals.errors.transitionRefused'
            : role !== 'lead'
              ? 'proposals.errors.onlyLeadSubmits'
              : undefined;
        assert.equal(submissionRefusal({ status }, relation, open), expected, `${role}, ${status}`);
      }
    }
    assert.equal(
      submissionRefusal({ status: 'draft' }, roles.lead!, closed),
      'proposals.errors.challengeNotOpen',
    );
    assert.equal(
      submissionRefusal({ status: 'draft' }, roles.lead!, { status: 'open', archived: true }),
      'proposals.errors.challengeNotOpen',
    );
  });
});
