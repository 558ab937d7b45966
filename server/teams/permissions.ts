import type { Proposal } from '../../models/schema/index.ts';
import { isEditableStatus, type ProposalViewer } from '../proposals/index.ts';

/** Only the lead invites and removes members, while the proposal is alive. */
export function canManageTeam(proposal: Pick<Proposal, 'status'>, viewer: ProposalViewer) {
  return viewer.isLead && isEditableStatus(proposal.status);
}

export function canAnswerInvitation(proposal: Pick<Proposal, 'status'>, viewer: ProposalViewer) {
  return viewer.isInvited && isEditableStatus(proposal.status);
}

/** The lead removes anyone but themselves; a member may also leave. */
export function canRemoveFromTeam(
  proposal: Pick<Proposal, 'status' | 'leadId'>,
  viewer: ProposalViewer,
  targetUserId: string,
): boolean {
  if (!viewer.userId || !isEditableStatus(proposal.status) || targetUserId === proposal.leadId) {
    return false;
  }
  return viewer.isLead || (targetUserId === viewer.userId && viewer.isTeamMember);
}
