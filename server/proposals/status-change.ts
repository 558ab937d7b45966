import { eq } from 'drizzle-orm';
import {
  challenges,
  proposals,
  type ChallengeStatus,
  type Proposal,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { canTransition, challengeTransitions } from '../challenges/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { queueTransitionEmails } from './notify.ts';
import {
  canTransitionProposal,
  challengeFollows,
  proposalTransitions,
  type ProposalActor,
  type ProposalTransition,
} from './lifecycle.ts';
import { lifecycleActor, type ProposalTarget, type ProposalViewer } from './team-queries.ts';

export interface TransitionActor extends ProposalActor {
  /** On the team and in the posting organization: refused the organization's part. */
  onTeamAndOrganization?: boolean;
}

/**
 * Why the actor may not make this change now, as a translation key; undefined when they may.
 * Who comes before when: a stranger is told it is not theirs to do, not that it is too late.
 */
export function transitionRefusal(
  name: ProposalTransition,
  status: Proposal['status'],
  actor: TransitionActor,
): string | undefined {
  if (canTransitionProposal(name, status, actor)) return undefined;
  const who = proposalTransitions[name].by;
  const allowedActor =
    who === 'lead' ? actor.isLead : who === 'team' ? actor.isTeamMember : actor.isChallengeMember;
  if (!allowedActor) {
    if (who === 'challengeOrganization' && actor.onTeamAndOrganization)
      return 'tracking.refusals.ownProposal';
    return `tracking.refusals.by.${who}`;
  }
  return `tracking.refusals.status.${name}`;
}

/** The challenge transition that takes a challenge from one status to another, if any. */
function challengeTransitionBetween(from: ChallengeStatus, to: ChallengeStatus) {
  return (Object.keys(challengeTransitions) as (keyof typeof challengeTransitions)[]).find(
    (name) =>
      challengeTransitions[name].to === to &&
      (challengeTransitions[name].from as readonly ChallengeStatus[]).includes(from),
  );
}

const snapshot = (row: Proposal) => ({
  status: row.status,
  ...(row.declineReason ? { declineReason: row.declineReason } : {}),
});

/**
 * Moves a proposal along its lifecycle inside the caller's transaction, with its audit event,
 * and moves the challenge as `challengeFollows` says (with the challenge's own audit event).
 * The proposal row is locked and its status read again, so two people pressing buttons at once
 * cannot both succeed. A refusal throws ForbiddenError and, the transaction failing, changes
 * nothing.
 */
/** The proposal's row, locked until the transaction ends: its status cannot change under us. */
export async function lockProposal(tx: Tx, proposalId: string): Promise<Proposal> {
  const [current] = await tx
    .select()
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .for('update');
  if (!current) throw new ForbiddenError('tracking.refusals.gone');
  return current;
}

export async function applyProposalTransition(
  tx: Tx,
  actor: TransitionActor & { id: string },
  target: ProposalTarget,
  name: ProposalTransition,
  options: { declineReason?: string; organizationId?: string } = {},
): Promise<{ proposal: Proposal; challengeStatus: ChallengeStatus }> {
  const current = await lockProposal(tx, target.proposal.id);
  const refusal = transitionRefusal(name, current.status, actor);
  if (refusal) throw new ForbiddenError(refusal);

  const now = new Date();
  const to = proposalTransitions[name].to;
  const [updated] = await tx
    .update(proposals)
    .set({
      status: to,
      updatedAt: now,
      ...(name === 'accept' ? { acceptedAt: now } : {}),
      ...(name === 'confirmDelivery' ? { deliveredAt: now } : {}),
      ...(name === 'decline' ? { declineReason: options.declineReason ?? null } : {}),
    })
    .where(eq(proposals.id, current.id))
    .returning();
  await recordAudit(tx, {
    actorId: actor.id,
    action: `proposal.${name}`,
    subjectType: 'proposal',
    subjectId: current.id,
    organizationId: options.organizationId ?? target.challenge.organizationId,
    before: snapshot(current),
    after: snapshot(updated!),
  });

  let challengeStatus = target.challenge.status;
  const follow = challengeFollows[name];
  if (follow) {
    const [challenge] = await tx
      .select({ status: challenges.status })
      .from(challenges)
      .where(eq(challenges.id, target.challenge.id))
      .for('update');
    challengeStatus = challenge!.status;
    const from = follow.from as ChallengeStatus;
    const challengeTransition = challengeTransitionBetween(from, follow.to);
    // A challenge that is elsewhere (already in progress, solved or closed) stays where it is.
    if (
      challengeStatus === from &&
      challengeTransition &&
      canTransition(challengeTransition, challengeStatus, { isMember: true, isModerator: false })
    ) {
      await tx
        .update(challenges)
        .set({ status: follow.to, updatedAt: now })
        .where(eq(challenges.id, target.challenge.id));
      await recordAudit(tx, {
        actorId: actor.id,
        action: `challenge.${challengeTransition}`,
        subjectType: 'challenge',
        subjectId: target.challenge.id,
        organizationId: target.challenge.organizationId,
        before: { status: from },
        after: { status: follow.to, proposalId: current.id },
      });
      challengeStatus = follow.to;
    }
  }
  await queueTransitionEmails(tx, name, target, updated!, actor.id, challengeStatus === 'solved');
  return { proposal: updated!, challengeStatus };
}

/** Why the viewer may not make this change to the proposal as it is; undefined when they may. */
export function refusalFor(
  viewer: ProposalViewer,
  target: Pick<ProposalTarget, 'proposal'>,
  name: ProposalTransition,
): string | undefined {
  return transitionRefusal(name, target.proposal.status, lifecycleActor(viewer));
}

/** One status change by a signed-in viewer, in its own transaction. */
export async function changeProposal(
  db: Db,
  viewer: ProposalViewer & { userId: string },
  target: ProposalTarget,
  name: ProposalTransition,
  options: { declineReason?: string } = {},
) {
  const refusal = refusalFor(viewer, target, name);
  if (refusal) throw new ForbiddenError(refusal);
  return db.transaction((tx) =>
    applyProposalTransition(
      tx,
      { ...lifecycleActor(viewer), id: viewer.userId },
      target,
      name,
      options,
    ),
  );
}
