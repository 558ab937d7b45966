import { and, eq } from 'drizzle-orm';
import { memberships } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';

export async function isOrganizationMember(
  db: Db,
  userId: string | undefined,
  organizationId: string,
): Promise<boolean> {
  if (!userId) return false;
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return rows.length > 0;
}
