import type { Db } from '../db/index.ts';
import { personView } from '../people/index.ts';
import { formState, type ProposalPageSection } from '../proposals/index.ts';
import { canAnswerInvitation, canManageTeam, canRemoveFromTeam } from './permissions.ts';
import { proposalTeam } from './queries.ts';

/**
 * The team on the proposal page: who is on it, the invitations still open (for the team only),
 * the lead's invitation form, and an invitee's answer.
 */
export function teamOnProposalPage(db: Db): ProposalPageSection {
  return {
    name: 'team',
    load: async ({ proposal, viewer }, { form }) => {
      const people = (await proposalTeam(db, proposal)).map((member) => ({
        userId: member.userId,
        person: personView({ ...member, id: member.userId }),
        githubLogin: member.deletedAt ? null : member.githubLogin,
        invitedAt: member.invitedAt,
        isLead: member.role === 'lead',
        isViewer: member.userId === viewer.userId,
        canRemove: canRemoveFromTeam(proposal, viewer, member.userId),
        removeLabel: !member.acceptedAt
          ? 'proposals.team.cancelInvitation'
          : member.userId === viewer.userId
            ? 'proposals.team.leave'
            : 'proposals.team.remove',
        joined: Boolean(member.acceptedAt),
      }));
      return {
        proposalId: proposal.id,
        members: people.filter((member) => member.joined),
        // Pending invitations are the team's business.
        invitations: viewer.isTeamMember ? people.filter((member) => !member.joined) : [],
        canInvite: canManageTeam(proposal, viewer),
        canAnswer: canAnswerInvitation(proposal, viewer),
        invite: formState(form, 'invite'),
      };
    },
  };
}
