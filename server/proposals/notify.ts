import type { progressUpdates, Proposal } from '../../models/schema/index.ts';
import type { Tx } from '../db-tx.ts';
import { enqueueEmails, toEach } from '../mail/outbox.ts';
import type { NotificationKind } from '../notifications/kinds.ts';
import { organizationMemberIds, recipientsAmong, watcherIds } from '../notifications/recipients.ts';
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

async function queueFor(
  tx: Tx,
  userIds: string[],
  exceptId: string | null,
  kind: NotificationKind,
  template: string,
  data: Record<string, unknown>,
) {
  await enqueueEmails(
    tx,
    toEach(await recipientsAmong(tx, userIds, exceptId), { kind, template, data }),
  );
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
    await queueFor(tx, members, actorId, 'proposal_submitted', 'proposal-submitted', {
      ...data,
      pitch: proposal.summary,
    });
  } else if (name === 'accept' || name === 'decline') {
    await queueFor(
      tx,
      await teamMemberIds(tx, proposal),
      actorId,
      'proposal_decision',
      'proposal-decision',
      {
        ...data,
        accepted: name === 'accept',
        reason: proposal.declineReason,
      },
    );
  } else if (name === 'confirmDelivery') {
    await queueFor(
      tx,
      await teamMemberIds(tx, proposal),
      actorId,
      'delivery',
      'delivery-confirmed',
      {
        ...data,
        solved: challengeSolved,
      },
    );
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
  await queueFor(tx, people, actorId, 'adoption', 'adoption-recorded', {
    ...about(target, target.proposal),
    adopter,
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
  await queueFor(tx, watchers, update.authorId, 'challenge_progress', 'challenge-progress', {
    ...about(target, target.proposal),
    excerpt: update.body.length > 300 ? `${update.body.slice(0, 297)}…` : update.body,
    milestone: update.milestone,
  });
}
