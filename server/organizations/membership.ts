import { and, eq } from 'drizzle-orm';
import { memberships, type MembershipRole } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

/** The person's role in the organization, or null when they are not a member. */
export async function membershipRole(
  db: Pick<Db, 'select'>,
  userId: string | undefined,
  organizationId: string,
): Promise<MembershipRole | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

export async function isOrganizationMember(
  db: Pick<Db, 'select'>,
  userId: string | undefined,
  organizationId: string,
): Promise<boolean> {
  return (await membershipRole(db, userId, organizationId)) !== null;
}
