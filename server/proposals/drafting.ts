import { and, eq, ne } from 'drizzle-orm';
import {
  challenges,
  proposalMembers,
  proposals,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { isUniqueViolationOf, type Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { ProposalInput } from './forms.ts';
import { canEditProposal, canProposeFor } from './permissions.ts';
import { lockForChange } from './locked.ts';

export const proposalSnapshot = (row: Proposal) => ({
  title: row.title,
  summary: row.summary,
  approach: row.approach,
  repositoryUrl: row.repositoryUrl,
  demoUrl: row.demoUrl,
  technologies: row.technologies,
  status: row.status,
});

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
 * cannot both pass the check, and a unique index refuses the second row should a writer get
 * past it: that refusal is answered as the check's own.
 */
export async function createProposal(
  db: Db,
  actor: User,
  challengeId: string,
  input: ProposalInput,
): Promise<Proposal> {
  try {
    return await insertProposal(db, actor, challengeId, input);
  } catch (error) {
    if (isUniqueViolationOf(error, 'proposals_one_live_per_lead_idx')) throw alreadyLeading();
    throw error;
  }
}

const alreadyLeading = () => new ValidationError({ form: 'proposals.errors.alreadyLeading' });

function insertProposal(db: Db, actor: User, challengeId: string, input: ProposalInput) {
  return db.transaction(async (tx) => {
    const [challenge] = await tx
      .select()
      .from(challenges)
      .where(eq(challenges.id, challengeId))
      .for('update');
    if (!challenge) throw new NotFoundError();
    if (!canProposeFor(actor, challenge)) {
      throw new ForbiddenError('proposals.errors.challengeNotOpen');
    }
    if (await leadProposalOn(tx, challenge.id, actor.id)) throw alreadyLeading();
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
      after: proposalSnapshot(created!),
    });
    return created!;
  });
}

/** The team edits the proposal while it is alive; a new repository address needs a new check. */
export async function updateProposal(
  db: Db,
  actor: User,
  proposalId: string,
  input: ProposalInput,
): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const target = await lockForChange(tx, proposalId, actor.id);
    const { proposal, viewer } = target;
    if (!canEditProposal(proposal, viewer)) {
      throw new ForbiddenError(
        viewer.isTeamMember ? 'proposals.errors.notEditable' : 'proposals.errors.notTeam',
      );
    }
    const repositoryChanged = input.repositoryUrl !== proposal.repositoryUrl;
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
      .where(eq(proposals.id, proposal.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.update',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: target.challenge.organizationId,
      before: proposalSnapshot(proposal),
      after: proposalSnapshot(updated!),
    });
    return updated!;
  });
}
