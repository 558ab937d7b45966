import type { Proposal } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { notifyUsers, organizationMemberIds } from '../notifications/index.ts';
import type { ProposalTransition } from './lifecycle.ts';
import { teamMemberIds } from './team-members.ts';
import type { ProposalTarget } from './viewer.ts';

/** Everything a proposal email says about where it belongs; plain JSON for the outbox. */
export function aboutProposal(target: Omit<ProposalTarget, 'proposal'>, proposal: Proposal) {
  return {
    proposal: proposal.title,
    challenge: target.challenge.title,
    organization: target.organization.name,
    path: `/propuestas/${proposal.id}`,
  };
}

/**
 * The emails a proposal's status change sends, written in the change's transaction: the posting
 * organization hears of a submission; the team of a decision and of a confirmed delivery.
 */
export async function queueTransitionEmails(
  tx: Tx,
  name: ProposalTransition,
  target: Omit<ProposalTarget, 'proposal'>,
  proposal: Proposal,
  actorId: string,
  challengeSolved: boolean,
): Promise<void> {
  const data = aboutProposal(target, proposal);
  if (name === 'submit') {
    const members = await organizationMemberIds(tx, target.challenge.organizationId);
    await notifyUsers(tx, members, actorId, {
      kind: 'proposal_submitted',
      template: 'proposal-submitted',
      data: { ...data, pitch: proposal.summary },
    });
  } else if (name === 'accept' || name === 'decline') {
    await notifyUsers(tx, await teamMemberIds(tx, proposal), actorId, {
      kind: 'proposal_decision',
      template: 'proposal-decision',
      data: { ...data, accepted: name === 'accept', reason: proposal.declineReason },
    });
  } else if (name === 'confirmDelivery') {
    await notifyUsers(tx, await teamMemberIds(tx, proposal), actorId, {
      kind: 'delivery',
      template: 'delivery-confirmed',
      data: { ...data, solved: challengeSolved },
    });
  }
}
