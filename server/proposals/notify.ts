import type { progressUpdates, Proposal } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { notifyUsers, organizationMemberIds, watcherIds } from '../notifications/index.ts';
import type { ProposalTransition } from './lifecycle.ts';
import { teamMemberIds, type ProposalTarget } from './team-queries.ts';

type ProgressUpdate = typeof progressUpdates.$inferSelect;

// Everything a proposal email says about where it belongs; plain JSON for the outbox.
function about(target: ProposalTarget, proposal: Proposal) {
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
  target: ProposalTarget,
  proposal: Proposal,
  actorId: string,
  challengeSolved: boolean,
): Promise<void> {
  const data = about(target, proposal);
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

/** The team and the posting organization hear that an organization uses the solution. */
export async function queueAdoptionEmails(
  tx: Tx,
  target: ProposalTarget,
  adopter: string,
  actorId: string,
): Promise<void> {
  const people = [
    ...(await teamMemberIds(tx, target.proposal)),
    ...(await organizationMemberIds(tx, target.challenge.organizationId)),
  ];
  await notifyUsers(tx, people, actorId, {
    kind: 'adoption',
    template: 'adoption-recorded',
    data: { ...about(target, target.proposal), adopter },
  });
}

/** Whoever watches the challenge hears of a team's progress (the team itself does not). */
export async function queueProgressEmails(
  tx: Tx,
  target: ProposalTarget,
  update: ProgressUpdate,
): Promise<void> {
  const team = new Set(await teamMemberIds(tx, target.proposal));
  const watchers = (await watcherIds(tx, target.challenge.id)).filter((id) => !team.has(id));
  await notifyUsers(tx, watchers, update.authorId, {
    kind: 'challenge_progress',
    template: 'challenge-progress',
    data: {
      ...about(target, target.proposal),
      excerpt: update.body.length > 300 ? `${update.body.slice(0, 297)}…` : update.body,
      milestone: update.milestone,
    },
  });
}
