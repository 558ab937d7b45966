import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { challenges, claims } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../http/index.ts';
import { queueClaimEmail } from './notify.ts';
import { claimSnapshot } from './service.ts';

export { touchClaim, touchClaimsForProposal } from './activity.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH_SIZE = 100;

export type ExpiryDeps = Pick<FeatureDeps, 'db' | 'config' | 'logger'>;

/** The moment before which a claim's last activity makes it lapse. */
export function claimExpiryCutoff(now: Date, expiryDays: number): Date {
  return new Date(now.getTime() - expiryDays * DAY_MS);
}

/** When a claim lapses without activity, and how many days (rounded up) are left until then. */
export function claimDeadline(lastActivityAt: Date, expiryDays: number, now: Date) {
  const expiresAt = new Date(lastActivityAt.getTime() + expiryDays * DAY_MS);
  const daysLeft = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
  return { expiresAt, daysLeft };
}

/**
 * Marks as expired every active claim without activity for `claimExpiryDays`, a batch per
 * transaction with an audit event and an email to the volunteer each.
 * Several processes may run it at once: the UPDATE … WHERE status = 'active' RETURNING decides
 * who expires a claim (and so who sends its email); locked rows are skipped, not waited for.
 */
export async function releaseExpiredClaims(
  deps: ExpiryDeps,
  now: Date = new Date(),
): Promise<{ expired: number; emailed: number }> {
  const cutoff = claimExpiryCutoff(now, deps.config.claimExpiryDays);
  let expired = 0;
  let emailed = 0;
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: claims.id })
        .from(claims)
        .where(and(eq(claims.status, 'active'), lt(claims.lastActivityAt, cutoff)))
        .orderBy(asc(claims.lastActivityAt), asc(claims.id))
        .limit(BATCH_SIZE)
        .for('update', { skipLocked: true });
      const rows = await tx
        .update(claims)
        .set({ status: 'expired', releasedAt: now })
        .where(and(inArray(claims.id, due), eq(claims.status, 'active')))
        .returning();
      if (rows.length === 0) return { count: 0, told: 0 };
      const details = await tx
        .select({ claimId: claims.id, challenge: challenges })
        .from(claims)
        .innerJoin(challenges, eq(challenges.id, claims.challengeId))
        .where(
          inArray(
            claims.id,
            rows.map((row) => row.id),
          ),
        );
      const byClaim = new Map(details.map((detail) => [detail.claimId, detail]));
      let told = 0;
      for (const row of rows) {
        const { challenge } = byClaim.get(row.id)!;
        await recordAudit(tx, {
          actorId: null,
          action: 'claim.expire',
          subjectType: 'challenge',
          subjectId: challenge.id,
          organizationId: challenge.organizationId,
          before: { ...claimSnapshot(row), status: 'active' },
          after: { ...claimSnapshot(row), expiryDays: deps.config.claimExpiryDays },
        });
        const days = deps.config.claimExpiryDays;
        if (await queueClaimEmail(tx, row.userId, 'claim-expired', challenge, { days })) told += 1;
      }
      return { count: rows.length, told };
    });
    expired += batch.count;
    emailed += batch.told;
    if (batch.count < BATCH_SIZE) break;
  }
  return { expired, emailed };
}
