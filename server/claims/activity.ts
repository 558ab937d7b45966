import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { claims, proposalMembers, proposals } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

// A claim lives as long as its volunteer shows progress: the progress-update feature calls these
// in the transaction that records an update.

/**
 * A progress update keeps the volunteer's claim alive: call it in the transaction that records
 * the update, for each volunteer whose claim on the challenge it counts for.
 */
export async function touchClaim(
  tx: Pick<Db, 'update'>,
  challengeId: string,
  userId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const touched = await tx
    .update(claims)
    .set({ lastActivityAt: now, expiryWarnedAt: null })
    .where(
      and(
        eq(claims.challengeId, challengeId),
        eq(claims.userId, userId),
        eq(claims.status, 'active'),
      ),
    )
    .returning({ id: claims.id });
  return touched.length > 0;
}

/**
 * A progress update on a proposal keeps alive the claims its team holds on the proposal's
 * challenge: the lead's and those of members who accepted. Call it in the update's transaction.
 */
export async function touchClaimsForProposal(
  tx: Pick<Db, 'update' | 'select'>,
  proposalId: string,
  now: Date = new Date(),
): Promise<number> {
  const challenge = tx
    .select({ id: proposals.challengeId })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  const lead = tx
    .select({ userId: proposals.leadId })
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), isNotNull(proposals.leadId)));
  const members = tx
    .select({ userId: proposalMembers.userId })
    .from(proposalMembers)
    .where(
      and(
        eq(proposalMembers.proposalId, proposalId),
        or(isNotNull(proposalMembers.acceptedAt), eq(proposalMembers.role, 'lead')),
      ),
    );
  const touched = await tx
    .update(claims)
    .set({ lastActivityAt: now, expiryWarnedAt: null })
    .where(
      and(
        eq(claims.status, 'active'),
        inArray(claims.challengeId, challenge),
        or(inArray(claims.userId, lead), inArray(claims.userId, members)),
      ),
    )
    .returning({ id: claims.id });
  return touched.length;
}
