import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposalStatuses, type ProposalStatus } from '../../../../models/schema/index.ts';
import { nobody, type ProposalViewer } from '../../../../server/proposals/viewer.ts';
import {
  canAnswerInvitation,
  canManageTeam,
  canRemoveFromTeam,
} from '../../../../server/teams/permissions.ts';

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

describe('team permissions', () => {
  it('lets only the lead manage the team, and the invitee answer, while alive', () => {
    for (const status of proposalStatuses) {
      for (const [role, relation] of Object.entries(roles)) {
        const live = alive.includes(status);
        assert.equal(
          canManageTeam({ status }, relation),
          live && role === 'lead',
          `${role}, ${status}`,
        );
        assert.equal(
          canAnswerInvitation({ status }, relation),
          live && role === 'invitee',
          `${role}, ${status}`,
        );
      }
    }
  });

  it('lets the lead remove members but not themselves, and members leave', () => {
    const proposal = { status: 'submitted', leadId: 'lead' } as const;
    assert.equal(canRemoveFromTeam(proposal, roles.lead!, 'm'), true);
    assert.equal(canRemoveFromTeam(proposal, roles.lead!, 'lead'), false);
    assert.equal(canRemoveFromTeam(proposal, roles.member!, 'm'), true);
    assert.equal(canRemoveFromTeam(proposal, roles.member!, 'other'), false);
    assert.equal(canRemoveFromTeam(proposal, roles.member!, 'lead'), false);
    assert.equal(canRemoveFromTeam(proposal, roles.stranger!, 'm'), false);
    assert.equal(canRemoveFromTeam(proposal, roles.anonymous!, 'm'), false);
    assert.equal(
      canRemoveFromTeam({ status: 'delivered', leadId: 'lead' }, roles.lead!, 'm'),
      false,
    );
  });
});
