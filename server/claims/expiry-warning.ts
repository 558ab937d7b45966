import { and, asc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { challenges, claims } from '../../models/schema/index.ts';
import type { ExpiryDeps } from './expiry.ts';
import { claimDeadline, claimExpiryCutoff } from './expiry.ts';
import { queueClaimEmail } from './notify.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH_SIZE = 100;

/** How many days ahead a volunteer hears that their claim is about to lapse (none for 1-day claims). */
export function warningDays(expiryDays: number): number {
  return Math.min(3, expiryDays - 1);
}

/**
 * Tells each volunteer, once, when their claim has `warningDays` left without activity; a progress
 * update clears the mark, so the next quiet spell warns again. Safe with several processes.
 */
export async function warnExpiringClaims(deps: ExpiryDeps, now: Date = new Date()) {
  const expiryDays = deps.config.claimExpiryDays;
  const days = warningDays(expiryDays);
  if (days < 1) return { warned: 0 };
  const expired = claimExpiryCutoff(now, expiryDays);
  const warnFrom = new Date(expired.getTime() + days * DAY_MS);
  let warned = 0;
  for (;;) {
    const count = await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: claims.id })
        .from(claims)
        .where(
          and(
            eq(claims.status, 'active'),
            isNull(claims.expiryWarnedAt),
            lt(claims.lastActivityAt, warnFrom),
            gte(claims.lastActivityAt, expired),
          ),
        )
        .orderBy(asc(claims.lastActivityAt), asc(claims.id))
        .limit(BATCH_SIZE)
        .for('update', { skipLocked: true });
      const rows = await tx
        .update(claims)
        .set({ expiryWarnedAt: now })
        .where(and(inArray(claims.id, due), isNull(claims.expiryWarnedAt)))
        .returning();
      for (const row of rows) {
        const [challenge] = await tx
          .select({ title: challenges.title, slug: challenges.slug })
          .from(challenges)
          .where(eq(challenges.id, row.challengeId));
        const { expiresAt, daysLeft } = claimDeadline(row.lastActivityAt, expiryDays, now);
        await queueClaimEmail(tx, row.userId, 'claim-expiring', challenge!, {
          days: daysLeft,
          expiresAt: expiresAt.toISOString(),
        });
      }
      return rows.length;
    });
    warned += count;
    if (count < BATCH_SIZE) return { warned };
  }
}
