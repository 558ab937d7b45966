import { eq } from 'drizzle-orm';
import { proposals, type Proposal } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { findProposalTarget, proposalViewer, type LoadedProposal } from './viewer.ts';

/** The proposal's row, locked until the transaction ends: its status cannot change under us. */
export async function lockProposal(tx: Pick<Tx, 'select'>, proposalId: string): Promise<Proposal> {
  const [current] = await tx
    .select()
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .for('update');
  if (!current) throw new ForbiddenError('tracking.refusals.gone');
  return current;
}

/**
 * What a change to a proposal decides on, read inside its transaction: the proposal (locked),
 * its challenge and organization, and who the actor is to it now.
 */
export async function lockForChange(
  tx: Pick<Tx, 'select'>,
  proposalId: string,
  actorId: string,
): Promise<LoadedProposal> {
  await lockProposal(tx, proposalId);
  const target = (await findProposalTarget(tx, proposalId))!;
  return { ...target, viewer: await proposalViewer(tx, target, actorId) };
}
