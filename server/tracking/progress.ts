import { count, desc, eq } from 'drizzle-orm';
import {
  progressUpdates,
  proposals,
  users,
  type ProposalStatus,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { touchClaimsForProposal } from '../claims/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { publicPersonColumns } from '../people/index.ts';
import { findProposalTarget, proposalViewer, type ProposalViewer } from '../proposals/index.ts';
import type { ProgressInput } from './forms.ts';
import { queueProgressEmails } from './notify.ts';

/** The team reports progress from acceptance until the organization confirms delivery, and after. */
export const progressStatuses = [
  'accepted',
  'in_progress',
  'delivered',
] as const satisfies readonly ProposalStatus[];

export function progressRefusal(
  viewer: Pick<ProposalViewer, 'isTeamMember'>,
  status: ProposalStatus,
): string | undefined {
  if (!viewer.isTeamMember) return 'tracking.refusals.by.team';
  if (!(progressStatuses as readonly ProposalStatus[]).includes(status)) {
    return 'tracking.refusals.progressStatus';
  }
  return undefined;
}

/**
 * A team member posts a progress update. It keeps the team's claims on the challenge alive:
 * work reported by one of them is work by all of them.
 */
export async function addProgressUpdate(
  db: Db,
  actor: User,
  proposalId: string,
  input: ProgressInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(eq(proposals.id, proposalId))
      .for('share');
    if (!current) throw new ForbiddenError('tracking.refusals.gone');
    const target = (await findProposalTarget(tx, proposalId))!;
    const viewer = await proposalViewer(tx, target, actor.id);
    const refusal = progressRefusal(viewer, target.proposal.status);
    if (refusal) throw new ForbiddenError(refusal);
    const [update] = await tx
      .insert(progressUpdates)
      .values({ proposalId, authorId: actor.id, ...input })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.progress',
      subjectType: 'proposal',
      subjectId: proposalId,
      organizationId: target.challenge.organizationId,
      after: { progressUpdateId: update!.id, milestone: input.milestone, linkUrl: input.linkUrl },
    });
    await touchClaimsForProposal(tx, proposalId);
    await queueProgressEmails(tx, target, update!);
  });
}

/** How many progress updates a proposal has. */
export async function progressCount(db: Db, proposalId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(progressUpdates)
    .where(eq(progressUpdates.proposalId, proposalId));
  return row?.n ?? 0;
}

/** One page of the progress timeline, newest first, with each author. */
export async function progressTimeline(
  db: Db,
  proposalId: string,
  window: { limit: number; offset: number },
) {
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
    .orderBy(desc(progressUpdates.createdAt), desc(progressUpdates.id))
    .limit(window.limit)
    .offset(window.offset);
}
