import { and, asc, eq, inArray, like, ne } from 'drizzle-orm';
import {
  auditEvents,
  challenges,
  organizations,
  proposalMembers,
  proposals,
  type Challenge,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { queueTransitionEmails } from './notify.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import type { ProposalInput } from './forms.ts';
import { proposalTransitions } from './lifecycle.ts';
import {
  canEditProposal,
  canProposeFor,
  canSubmitProposal,
  canWithdrawProposal,
  editableStatuses,
  proposalRelation,
  type ProposalRelation,
} from './permissions.ts';
import type { RepositoryCheckResult } from './repository-check.ts';

export const snapshot = (row: Proposal) => ({
  title: row.title,
  summary: row.summary,
  approach: row.approach,
  repositoryUrl: row.repositoryUrl,
  demoUrl: row.demoUrl,
  technologies: row.technologies,
  status: row.status,
});

const checkSnapshot = (row: Proposal) => ({
  repositoryUrl: row.repositoryUrl,
  repositoryCheck: row.repositoryCheck,
  repositoryLicense: row.repositoryLicense,
  repositoryProblem: row.repositoryProblem,
  repositoryCheckedAt: row.repositoryCheckedAt,
});

const checkColumns = (result: RepositoryCheckResult) => ({
  repositoryCheck: result.status,
  repositoryCheckedAt: result.checkedAt,
  repositoryLicense: result.license,
  repositoryProblem: result.problem,
});

/** A proposal with its challenge and the challenge's organization; undefined for unknown ids. */
export async function findProposal(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ proposal: proposals, challenge: challenges, organization: organizations })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(eq(proposals.id, id));
  return row;
}

/** How the viewer stands with the proposal (lead, team, invitee, challenge organization). */
export async function viewerRelation(
  db: Db,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
  viewerId: string | undefined,
): Promise<ProposalRelation> {
  if (!viewerId) return proposalRelation(proposal, undefined, undefined, false);
  const [membership] = await db
    .select({ role: proposalMembers.role, acceptedAt: proposalMembers.acceptedAt })
    .from(proposalMembers)
    .where(and(eq(proposalMembers.proposalId, proposal.id), eq(proposalMembers.userId, viewerId)));
  const isChallengeMember = await isOrganizationMember(db, viewerId, challenge.organizationId);
  return proposalRelation(proposal, viewerId, membership, isChallengeMember);
}

/** The proposal the person leads on a challenge and has not withdrawn, if any. */
export async function leadProposalOn(
  db: Pick<Db, 'select'>,
  challengeId: string,
  userId: string,
): Promise<Pick<Proposal, 'id' | 'title' | 'status'> | undefined> {
  const [row] = await db
    .select({ id: proposals.id, title: proposals.title, status: proposals.status })
    .from(proposals)
    .where(
      and(
        eq(proposals.challengeId, challengeId),
        eq(proposals.leadId, userId),
        ne(proposals.status, 'withdrawn'),
      ),
    )
    .limit(1);
  return row;
}

/**
 * A volunteer starts a draft and leads its team. A volunteer leads at most one live proposal
 * per challenge (a withdrawn one no longer counts); the challenge row is locked so two tabs
 * cannot both pass the check.
 */
export async function createProposal(
  db: Db,
  actor: User,
  challenge: Challenge,
  input: ProposalInput,
): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(challenges)
      .where(eq(challenges.id, challenge.id))
      .for('update');
    if (!current || !canProposeFor(actor, current)) {
      throw new ForbiddenError('proposals.errors.challengeNotOpen');
    }
    if (await leadProposalOn(tx, challenge.id, actor.id)) {
      throw new ValidationError({ form: 'proposals.errors.alreadyLeading' });
    }
    const now = new Date();
    const [created] = await tx
      .insert(proposals)
      .values({
        challengeId: challenge.id,
        leadId: actor.id,
        ...input,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(proposalMembers).values({
      proposalId: created!.id,
      userId: actor.id,
      role: 'lead',
      invitedAt: now,
      acceptedAt: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.create',
      subjectType: 'proposal',
      subjectId: created!.id,
      organizationId: challenge.organizationId,
      after: snapshot(created!),
    });
    return created!;
  });
}

/** The team edits the proposal while it is alive; a new repository address needs a new check. */
export async function updateProposal(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
  input: ProposalInput,
): Promise<Proposal> {
  if (!canEditProposal(proposal, relation)) throw new ForbiddenError('proposals.errors.notTeam');
  const repositoryChanged = input.repositoryUrl !== proposal.repositoryUrl;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(proposals)
      .set({
        ...input,
        ...(repositoryChanged
          ? {
              repositoryCheck: 'unchecked' as const,
              repositoryCheckedAt: null,
              repositoryLicense: null,
              repositoryProblem: null,
            }
          : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(proposals.id, proposal.id), inArray(proposals.status, editableStatuses)))
      .returning();
    if (!updated) throw new ForbiddenError('proposals.errors.notEditable');
    await recordAudit(tx, {
      actorId,
      action: 'proposal.update',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: snapshot(proposal),
      after: snapshot(updated),
    });
    return updated;
  });
}

/**
 * The lead submits the draft with the result of the repository check made just before (outside
 * this transaction). An unreachable GitHub still submits: the check reads "not yet verified".
 */
export async function submitProposal(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Challenge,
  check: RepositoryCheckResult,
): Promise<Proposal> {
  if (!canSubmitProposal(proposal, relation, challenge) || check.status === 'failed') {
    throw new ForbiddenError('proposals.errors.transitionRefused');
  }
  const { to } = proposalTransitions.submit;
  return db.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx
      .update(proposals)
      .set({ status: to, submittedAt: now, updatedAt: now, ...checkColumns(check) })
      .where(
        and(
          eq(proposals.id, proposal.id),
          eq(proposals.status, 'draft'),
          // The check was made for this address; an edit in between means checking again.
          eq(proposals.repositoryUrl, proposal.repositoryUrl ?? ''),
        ),
      )
      .returning();
    if (!updated) throw new ForbiddenError('proposals.errors.transitionRefused');
    await recordAudit(tx, {
      actorId,
      action: 'proposal.submit',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: { status: proposal.status, ...checkSnapshot(proposal) },
      after: { status: updated.status, ...checkSnapshot(updated) },
    });
    const [organization] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, challenge.organizationId));
    await queueTransitionEmails(
      tx,
      'submit',
      { proposal: updated, challenge, organization: organization! },
      updated,
      actorId,
      false,
    );
    return updated;
  });
}

/** The team withdraws the proposal, from any status before delivery. */
export async function withdrawProposal(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
): Promise<Proposal> {
  if (!canWithdrawProposal(proposal, relation)) {
    throw new ForbiddenError('proposals.errors.transitionRefused');
  }
  const { from, to } = proposalTransitions.withdraw;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(proposals)
      .set({ status: to, updatedAt: new Date() })
      .where(
        and(
          eq(proposals.id, proposal.id),
          eq(proposals.status, proposal.status),
          inArray(proposals.status, from),
        ),
      )
      .returning();
    if (!updated) throw new ForbiddenError('proposals.errors.transitionRefused');
    await recordAudit(tx, {
      actorId,
      action: 'proposal.withdraw',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: { status: proposal.status },
      after: { status: updated.status },
    });
    return updated;
  });
}

/**
 * Stores the result of an on-demand check. An unreachable GitHub does not erase a verdict it
 * gave before (verified or failed): undefined is returned and the stored result stands.
 */
export async function recordRepositoryCheck(
  db: Db,
  actorId: string,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
  check: RepositoryCheckResult,
): Promise<Proposal | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(proposals)
      .set(checkColumns(check))
      .where(
        and(
          eq(proposals.id, proposal.id),
          eq(proposals.repositoryUrl, proposal.repositoryUrl ?? ''),
          check.status === 'unreachable'
            ? inArray(proposals.repositoryCheck, ['unchecked', 'unreachable'])
            : undefined,
        ),
      )
      .returning();
    if (!updated) return undefined;
    await recordAudit(tx, {
      actorId,
      action: 'proposal.checkRepository',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: checkSnapshot(proposal),
      after: checkSnapshot(updated),
    });
    return updated;
  });
}

/** Status changes of a proposal, oldest first, from its audit trail. */
export async function proposalHistory(db: Db, proposalId: string) {
  const rows = await db
    .select({ action: auditEvents.action, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, 'proposal'),
        eq(auditEvents.subjectId, proposalId),
        like(auditEvents.action, 'proposal.%'),
      ),
    )
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id));
  const statusEvents = new Set<string>(['create', ...Object.keys(proposalTransitions)]);
  return rows
    .map((row) => ({ event: row.action.replace(/^proposal\./, ''), createdAt: row.createdAt }))
    .filter((row) => statusEvents.has(row.event));
}
