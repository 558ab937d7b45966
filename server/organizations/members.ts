import { and, asc, count, eq, sql } from 'drizzle-orm';
import {
  memberships,
  organizations,
  users,
  type MembershipRole,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { HttpError, NotFoundError } from '../errors.ts';

/** An organization always keeps at least one owner, who can invite and remove people. */
export class LastOwnerError extends HttpError {
  override name = 'LastOwnerError';
  constructor() {
    super(409, 'organizations.members.lastOwner');
  }
}

/** The members, owners first, then in the order they joined. */
export async function listMembers(db: Db, organizationId: string) {
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
    );
}

/**
 * Locks the organization for the rest of the transaction, so two membership changes made at the
 * same moment (two owners leaving together) are decided one after the other.
 */
async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
}

async function roleOf(tx: Tx, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role;
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
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const role = await roleOf(tx, organizationId, memberId);
    if (!role) throw new NotFoundError();
    if (role === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw new LastOwnerError();
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, memberId)));
    await recordAudit(tx, {
      actorId: actor.id,
      action: actor.id === memberId ? 'membership.leave' : 'membership.remove',
      subjectType: 'membership',
      subjectId: memberId,
      organizationId,
      before: { userId: memberId, role },
      after: null,
    });
  });
}

/** Makes a member an owner or an owner a member; the last owner stays an owner. */
export async function changeMemberRole(
  db: Db,
  actor: User,
  organizationId: string,
  memberId: string,
  role: MembershipRole,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const current = await roleOf(tx, organizationId, memberId);
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
