import { asc, desc, eq } from 'drizzle-orm';
import {
  adoptions,
  organizations,
  progressUpdates,
  proposals,
  users,
  type ProposalStatus,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { touchClaim } from '../claims/index.ts';
import { publicPersonColumns } from '../people/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { queueAdoptionEmails, queueProgressEmails } from './notify.ts';
import { applyProposalTransition, lockProposal } from './status-change.ts';
import type { AdoptionInput, ProgressInput } from './tracking-forms.ts';
import { teamMemberIds, type ProposalTarget, type ProposalViewer } from './team-queries.ts';

/** The team reports progress from acceptance until the organization confirms delivery, and after. */
export const progressStatuses = [
  'accepted',
  'in_progress',
  'delivered',
] as const satisfies readonly ProposalStatus[];

/** A solution can be adopted once delivered, by one organization after another. */
export const adoptableStatuses = [
  'delivered',
  'adopted',
] as const satisfies readonly ProposalStatus[];

const includes = (list: readonly ProposalStatus[], status: ProposalStatus) => list.includes(status);

export function progressRefusal(
  viewer: ProposalViewer,
  status: ProposalStatus,
): string | undefined {
  if (!viewer.isTeamMember) return 'tracking.refusals.by.team';
  if (!includes(progressStatuses, status)) return 'tracking.refusals.progressStatus';
  return undefined;
}

/**
 * A team member posts a progress update. It keeps the team's claims on the challenge alive:
 * work reported by one of them is work by all of them.
 */
export async function addProgressUpdate(
  db: Db,
  viewer: ProposalViewer & { userId: string },
  target: ProposalTarget,
  input: ProgressInput,
): Promise<void> {
  const refusal = progressRefusal(viewer, target.proposal.status);
  if (refusal) throw new ForbiddenError(refusal);
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, target.proposal.id))
      .for('share');
    if (!current || !includes(progressStatuses, current.status))
      throw new ForbiddenError('tracking.refusals.progressStatus');
    const [update] = await tx
      .insert(progressUpdates)
      .values({ proposalId: target.proposal.id, authorId: viewer.userId, ...input })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: 'proposal.progress',
      subjectType: 'proposal',
      subjectId: target.proposal.id,
      organizationId: target.challenge.organizationId,
      after: { progressUpdateId: update!.id, milestone: input.milestone, linkUrl: input.linkUrl },
    });
    for (const userId of await teamMemberIds(tx, target.proposal)) {
      await touchClaim(tx, target.challenge.id, userId);
    }
    await queueProgressEmails(tx, target, update!);
  });
}

/** The progress timeline, newest first, with each author. */
export async function progressTimeline(db: Db, proposalId: string) {
  return db
    .select({
      id: progressUpdates.id,
      body: progressUpdates.body,
      milestone: progressUpdates.milestone,
      linkUrl: progressUpdates.linkUrl,
      createdAt: progressUpdates.createdAt,
      author: publicPersonColumns,
    })
    .from(progressUpdates)
    .leftJoin(users, eq(users.id, progressUpdates.authorId))
    .where(eq(progressUpdates.proposalId, proposalId))
    .orderBy(desc(progressUpdates.createdAt), desc(progressUpdates.id));
}

/** Which organizations put the solution to use, earliest first. */
export async function adoptionsOf(db: Pick<Db, 'select'>, proposalId: string) {
  return db
    .select({
      id: adoptions.id,
      since: adoptions.since,
      evidenceUrl: adoptions.evidenceUrl,
      createdAt: adoptions.createdAt,
      organization: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        verifiedAt: organizations.verifiedAt,
      },
    })
    .from(adoptions)
    .innerJoin(organizations, eq(organizations.id, adoptions.organizationId))
    .where(eq(adoptions.proposalId, proposalId))
    .orderBy(asc(adoptions.since), asc(adoptions.createdAt));
}

/**
 * Why the viewer may not record an adoption for this organization (or for any of theirs, with
 * no organization given); undefined when they may.
 */
export function adoptionRefusal(
  viewer: ProposalViewer,
  status: ProposalStatus,
  adoptedBy: readonly string[],
  organizationId?: string,
): string | undefined {
  if (viewer.organizations.length === 0) return 'tracking.refusals.adoptionNoOrganization';
  if (!includes(adoptableStatuses, status)) return 'tracking.refusals.adoptionTooEarly';
  if (organizationId === undefined) {
    return viewer.organizations.some((org) => !adoptedBy.includes(org.id))
      ? undefined
      : 'tracking.refusals.alreadyAdopted';
  }
  if (!viewer.organizations.some((org) => org.id === organizationId))
    return 'tracking.refusals.adoptionNotMember';
  if (adoptedBy.includes(organizationId)) return 'tracking.refusals.alreadyAdopted';
  return undefined;
}

/**
 * A member records that their organization uses the delivered solution. The first adoption
 * moves the proposal delivered → adopted; later ones by other organizations are added to it.
 */
export async function recordAdoption(
  db: Db,
  viewer: ProposalViewer & { userId: string },
  target: ProposalTarget,
  input: AdoptionInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockProposal(tx, target.proposal.id);
    const adoptedBy = (await adoptionsOf(tx, target.proposal.id)).map((row) => row.organization.id);
    const refusal = adoptionRefusal(viewer, current.status, adoptedBy, input.organizationId);
    if (refusal) throw new ForbiddenError(refusal);
    if (current.status === 'delivered') {
      // The lifecycle's organization part is played here by the adopting organization: any
      // organization may say it put the solution to use.
      await applyProposalTransition(
        tx,
        { id: viewer.userId, isLead: false, isTeamMember: false, isChallengeMember: true },
        target,
        'adopt',
        { organizationId: input.organizationId },
      );
    }
    const [adoption] = await tx
      .insert(adoptions)
      .values({
        proposalId: target.proposal.id,
        organizationId: input.organizationId,
        since: input.since,
        evidenceUrl: input.evidenceUrl,
        recordedById: viewer.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: 'proposal.adoption',
      subjectType: 'proposal',
      subjectId: target.proposal.id,
      organizationId: input.organizationId,
      after: {
        adoptionId: adoption!.id,
        organizationId: input.organizationId,
        since: input.since,
        evidenceUrl: input.evidenceUrl,
      },
    });
    const [adopter] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    await queueAdoptionEmails(tx, target, adopter!.name, viewer.userId);
  });
}
