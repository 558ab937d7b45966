import { eq, sql } from 'drizzle-orm';
import {
  challenges,
  memberships,
  organizations,
  users,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import type { ProfileInput } from './forms.ts';

export async function updateProfile(db: Db, user: User, input: ProfileInput): Promise<User> {
  const [updated] = await db
    .update(users)
    .set({
      name: input.name,
      bio: input.bio,
      skills: input.skills,
      locale: input.locale,
      contactEmail: input.contactEmail || null,
      updatedAt: new Date(),
    })
    .where(eq(users.id, user.id))
    .returning();
  return updated!;
}

/** The organizations someone belongs to, for their account page. */
export async function membershipsOf(db: Db, userId: string) {
  return db
    .select({
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      verifiedAt: organizations.verifiedAt,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
}

/** Skills people already use, most common first, offered as suggestions. */
export async function popularSkills(db: Db, limit = 30): Promise<string[]> {
  const rows = await db.execute(
    sql`SELECT skill FROM (
          SELECT unnest(${users.skills}) AS skill FROM ${users}
          UNION ALL SELECT unnest(${challenges.skills}) FROM ${challenges}
        ) AS all_skills GROUP BY skill ORDER BY count(*) DESC, skill LIMIT ${limit}`,
  );
  return (rows as unknown as { rows: { skill: string }[] }).rows.map((row) => row.skill);
}

export { exportPersonalData } from './personal-data-export.ts';
export { deleteAccount } from './personal-data-erasure.ts';
