import { eq, sql } from 'drizzle-orm';
import { users, type User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

export const NAME_MAX = 100;

/** Email sign-in knows only an address: a person with no name is asked once, never again. */
export function needsNamePrompt(
  user: Pick<User, 'name' | 'githubName' | 'githubLogin' | 'nameAskedAt'>,
): boolean {
  return !user.name && !user.githubName && !user.githubLogin && !user.nameAskedAt;
}

/** Keeps the answer (a name, or null when skipped) and that the question was asked. */
export async function answerNamePrompt(db: Db, user: User, name: string | null): Promise<void> {
  await db
    .update(users)
    .set({
      ...(name ? { name } : {}),
      nameAskedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, user.id));
}
