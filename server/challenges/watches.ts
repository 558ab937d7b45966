import { and, count, eq } from 'drizzle-orm';
import { challenges, watches, type User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { canWatchChallenge } from './permissions.ts';

/** A signed-in person follows a published challenge; following twice changes nothing. */
export async function watchChallenge(db: Db, actor: User, challengeId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [challenge] = await tx
      .select({ status: challenges.status })
      .from(challenges)
      .where(eq(challenges.id, challengeId))
      .for('share');
    if (!challenge) throw new NotFoundError();
    if (!canWatchChallenge(challenge, !actor.deletedAt)) throw new ForbiddenError();
    await tx.insert(watches).values({ userId: actor.id, challengeId }).onConflictDoNothing();
  });
}

/** Stops following; only ever the actor's own follow. */
export async function unwatchChallenge(db: Db, actor: User, challengeId: string): Promise<void> {
  await db
    .delete(watches)
    .where(and(eq(watches.userId, actor.id), eq(watches.challengeId, challengeId)));
}

export async function watchState(db: Db, challengeId: string, userId: string | undefined) {
  const [total] = await db
    .select({ n: count() })
    .from(watches)
    .where(eq(watches.challengeId, challengeId));
  const mine = userId
    ? await db
        .select({ userId: watches.userId })
        .from(watches)
        .where(and(eq(watches.challengeId, challengeId), eq(watches.userId, userId)))
    : [];
  return { watchers: Number(total?.n ?? 0), watching: mine.length > 0 };
}
