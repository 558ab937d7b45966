import { eq } from 'drizzle-orm';
import {
  proposals,
  type ChallengeStatus,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { followProposal } from '../challenges/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import {
  challengeFollows,
  proposalTransitions,
  transitionRefusal,
  type ProposalTransition,
} from './lifecycle.ts';
import { queueTransitionEmails } from './notify.ts';
import { challengeTakesProposals } from './permissions.ts';
import type { RepositoryCheckResult } from '../github/index.ts';
import { lockForChange } from './locked.ts';
import { lifecycleActor, type ProposalTarget } from './viewer.ts';

export interface TransitionOptions {
  /** decline: the reason, shown publicly and sent to the team. */
  declineReason?: string;
  /** submit: the repository check made just before, outside the transaction, for this address. */
  check?: RepositoryCheckResult & { repositoryUrl: string };
  /** adopt: the organization that says it uses the solution; the actor must belong to it. */
  adoptingOrganizationId?: string;
}

export const checkColumns = (check: RepositoryCheckResult) => ({
  repositoryCheck: check.status,
  repositoryCheckedAt: check.checkedAt,
  repositoryLicense: check.license,
  repositoryProblem: check.problem,
});

export const checkSnapshot = (row: Proposal) => ({
  repositoryUrl: row.repositoryUrl,
  repositoryCheck: row.repositoryCheck,
  repositoryLicense: row.repositoryLicense,
  repositoryProblem: row.repositoryProblem,
  repositoryCheckedAt: row.repositoryCheckedAt,
});

const snapshot = (row: Proposal, name: ProposalTransition) => ({
  status: row.status,
  ...(row.declineReason ? { declineReason: row.declineReason } : {}),
  ...(name === 'submit' ? checkSnapshot(row) : {}),
});

/** What a transition writes besides the status. */
function effects(name: ProposalTransition, options: TransitionOptions, now: Date) {
  switch (name) {
    case 'submit':
      return { submittedAt: now, ...checkColumns(options.check!) };
    case 'accept':
      return { acceptedAt: now };
    case 'decline':
      return { declineReason: options.declineReason ?? null };
    case 'confirmDelivery':
      return { deliveredAt: now };
    default:
      return {};
  }
}

/** Refusals a transition has beyond who and when (the transition table). */
function extraRefusal(
  name: ProposalTransition,
  current: Proposal,
  target: ProposalTarget,
  options: TransitionOptions,
): string | undefined {
  if (name !== 'submit') return undefined;
  if (!challengeTakesProposals(target.challenge)) return 'proposals.errors.challengeNotOpen';
  // The check was made for this address; an edit in between means checking again.
  const { check } = options;
  if (!check || check.status === 'failed' || check.repositoryUrl !== current.repositoryUrl) {
    return 'proposals.errors.transitionRefused';
  }
  return undefined;
}

/**
 * The one path by which a proposal changes status, inside the caller's transaction: the row is
 * locked, who the actor is to it is read again, the transition table decides, then the change,
 * its audit event, the challenge following it (with its own audit event) and the emails. A
 * refusal throws ForbiddenError and, the transaction failing, changes nothing.
 */
export async function applyProposalTransition(
  tx: Tx,
  actorId: string,
  proposalId: string,
  name: ProposalTransition,
  options: TransitionOptions = {},
): Promise<{ proposal: Proposal; challengeStatus: ChallengeStatus }> {
  const target = await lockForChange(tx, proposalId, actorId);
  const { proposal: current, viewer } = target;
  const actor = lifecycleActor(viewer, options.adoptingOrganizationId);
  const refusal =
    transitionRefusal(name, current.status, actor) ?? extraRefusal(name, current, target, options);
  if (refusal) throw new ForbiddenError(refusal);

  const now = new Date();
  const [updated] = await tx
    .update(proposals)
    .set({ status: proposalTransitions[name].to, updatedAt: now, ...effects(name, options, now) })
    .where(eq(proposals.id, current.id))
    .returning();
  await recordAudit(tx, {
    actorId,
    action: `proposal.${name}`,
    subjectType: 'proposal',
    subjectId: current.id,
    organizationId: options.adoptingOrganizationId ?? target.challenge.organizationId,
    before: snapshot(current, name),
    after: snapshot(updated!, name),
  });
  const follows = challengeFollows[name];
  const challengeStatus = follows
    ? await followProposal(tx, actorId, target.challenge.id, follows, current.id)
    : target.challenge.status;
  await queueTransitionEmails(tx, name, target, updated!, actorId, challengeStatus === 'solved');
  return { proposal: updated!, challengeStatus };
}

/** One status change by a signed-in person, in its own transaction. */
export function changeProposalStatus(
  db: Db,
  actor: User,
  proposalId: string,
  name: ProposalTransition,
  options: TransitionOptions = {},
) {
  return db.transaction((tx) => applyProposalTransition(tx, actor.id, proposalId, name, options));
}
