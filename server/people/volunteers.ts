import { and, isNotNull, isNull, sql } from 'drizzle-orm';
import { users, type User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

/**
 * The volunteer a login names: case-insensitive, signed up through GitHub, not deleted. A
 * login can pass to someone else on GitHub; the most recent sign-in holds it here.
 */
export async function volunteerByLogin(
  db: Pick<Db, 'select'>,
  login: string,
): Promise<User | undefined> {
  const [volunteer] = await db
    .select()
    .from(users)
    .where(
      and(
        sql`lower(${users.githubLogin}) = lower(${login})`,
        isNotNull(users.githubId),
        isNull(users.deletedAt),
      ),
    )
    .orderBy(sql`${users.lastSignInAt} DESC NULLS LAST`)
    .limit(1);
  return volunteer;
}
