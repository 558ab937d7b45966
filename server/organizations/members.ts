import { and, asc, count, eq, sql } from 'drizzle-orm';
import { memberships, users, type MembershipRole, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { HttpError, NotFoundError } from '../errors.ts';
import { lockOrganization, requireRole } from './guards.ts';
import { membershipRole } from './membership.ts';
import {
  canChangeMemberRoles,
  canLeaveOrganization,
  canRemoveMembers,
  type ViewerRole,
} from './permissions.ts';

/** An organization always keeps at least one owner, who can invite and remove people. */
export class LastOwnerError extends HttpError {
  override name = 'LastOwnerError';
  constructor() {
    super(409, 'organizations.members.lastOwner');
  }
}

/** Members a page of the members list shows; a large organization pages through the rest. */
export const MEMBERS_PAGE_SIZE = 50;

/** How many members an organization has, and how many of them are owners, over every row. */
export async function memberCounts(
  db: Db,
  organizationId: string,
): Promise<{ members: number; owners: number }> {
  const [row] = await db
    .select({
      members: count(),
      owners: sql<number>`count(*) FILTER (WHERE ${memberships.role} = 'owner')::int`,
    })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId));
  return { members: Number(row?.members ?? 0), owners: Number(row?.owners ?? 0) };
}

/** One page of the members, owners first, then in the order they joined. */
export async function listMembers(
  db: Db,
  organizationId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({
      userId: memberships.userId,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      name: users.name,
      githubName: users.githubName,
      githubLogin: users.githubLogin,
      email: users.email,
      deletedAt: users.deletedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(
      sql`CASE WHEN ${memberships.role} = 'owner' THEN 0 ELSE 1 END`,
      asc(memberships.createdAt),
      asc(memberships.userId),
    )
    .limit(window.limit)
    .offset(window.offset);
}

async function ownerCount(tx: Tx, organizationId: string): Promise<number> {
  const [row] = await tx
    .select({ owners: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
  return Number(row?.owners ?? 0);
}

/**
 * Ends a membership: an owner removing someone, or a member leaving (`actor` is then the member).
 * The last owner can do neither.
 */
export async function endMembership(
  db: Db,
  actor: User,
  organizationId: string,
  memberId: string,
): Promise<void> {
  const leaving = actor.id === memberId;
  // Leaving is each member's own choice; removing someone else is for owners.
  const allowed = (role: ViewerRole) =>
    leaving ? canLeaveOrganization(role) : canRemoveMembers(role);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    await requireRole(tx, actor, organizationId, allowed);
    const role = await membershipRole(tx, memberId, organizationId);
    if (!role) throw new NotFoundError();
    if (role === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw new LastOwnerError();
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, memberId)));
    await recordAudit(tx, {
      actorId: actor.id,
      action: leaving ? 'membership.leave' : 'membership.remove',
      subjectType: 'membership',
      subjectId: memberId,
      organizationId,
      before: { userId: memberId, role },
      after: null,
    });
  });
}

/** An owner makes a member an owner or an owner a member; the last owner stays an owner. */
export async function changeMemberRole(
  db: Db,
  actor: User,
  organizationId: string,
  memberId: string,
  role: MembershipRole,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    await requireRole(tx, actor, organizationId, canChangeMemberRoles);
    const current = await membershipRole(tx, memberId, organizationId);
    if (!current) throw new NotFoundError();
    if (current === role) return;
    if (current === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw new LastOwnerError();
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, memberId)));
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'membership.role',
      subjectType: 'membership',
      subjectId: memberId,
      organizationId,
      before: { userId: memberId, role: current },
      after: { userId: memberId, role },
    });
  });
}
