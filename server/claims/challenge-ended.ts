import { and, eq } from 'drizzle-orm';
import { claims, type Challenge } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Tx } from '../db/index.ts';
import { claimSnapshot } from './service.ts';

/**
 * A challenge solved or closed ends every active claim on it, in that change's transaction:
 * nobody is still "working on" a challenge that is over. Each end is audited with its reason.
 */
export async function endClaimsOfChallenge(
  tx: Tx,
  challenge: Challenge,
  change: { actorId: string | null; status: 'solved' | 'closed'; reason: string },
): Promise<void> {
  const ended = await tx
    .update(claims)
    .set({ status: 'ended', releasedAt: new Date(), releasedById: change.actorId })
    .where(and(eq(claims.challengeId, challenge.id), eq(claims.status, 'active')))
    .returning();
  for (const claim of ended) {
    await recordAudit(tx, {
      actorId: change.actorId,
      action: 'claim.end',
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      before: { ...claimSnapshot(claim), status: 'active' },
      after: { ...claimSnapshot(claim), challengeStatus: change.status, reason: change.reason },
    });
  }
}
