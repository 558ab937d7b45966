import { eq } from 'drizzle-orm';
import { organizations, type Organization, type User } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { membershipRole } from './membership.ts';
import type { ViewerRole } from './permissions.ts';

/**
 * The organization's row, locked until the transaction ends, so two changes made at the same
 * moment (two owners leaving together, a demotion and an invitation) are decided one after the
 * other; NotFoundError when there is none.
 */
export async function lockOrganization(tx: Tx, organizationId: string): Promise<Organization> {
  const [organization] = await tx
    .select()
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
  if (!organization) throw new NotFoundError();
  return organization;
}

/**
 * The actor's role, read in the caller's transaction; refuses with ForbiddenError, before anything
 * is written, when `allowed` (a predicate from permissions.ts) says no.
 */
export async function requireRole(
  tx: Tx,
  actor: User,
  organizationId: string,
  allowed: (role: ViewerRole) => boolean,
): Promise<ViewerRole> {
  const role = actor.deletedAt ? null : await membershipRole(tx, actor.id, organizationId);
  if (!allowed(role)) throw new ForbiddenError();
  return role;
}
