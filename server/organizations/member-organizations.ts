import { asc, eq } from 'drizzle-orm';
import { memberships, organizations } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

/** The organizations someone can act for, to choose from when posting or replicating. */
export async function memberOrganizations(db: Pick<Db, 'select'>, userId: string | undefined) {
  if (!userId) return [];
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}
