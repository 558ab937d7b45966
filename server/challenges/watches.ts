import { and, count, eq } from 'drizzle-orm';
import { watches, type Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { canWatchChallenge } from './permissions.ts';

export async function watchChallenge(db: Db, userId: string, challenge: Challenge): Promise<void> {
  if (!canWatchChallenge(challenge, true)) throw new ForbiddenError();
  await db.insert(watches).values({ userId, challengeId: challenge.id }).onConflictDoNothing();
}

export async function unwatchChallenge(db: Db, userId: string, challengeId: string): Promise<void> {
  await db
    .delete(watches)
    .where(and(eq(watches.userId, userId), eq(watches.challengeId, challengeId)));
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
