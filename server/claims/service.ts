import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { challenges, claims, organizations, users, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { publicPersonColumns } from '../people/index.ts';
import { queueClaimEmail } from './notify.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { holdChallenge } from '../challenges/index.ts';
import { membershipRole } from '../organizations/index.ts';
import { canReleaseClaimAsOrganization, canReleaseOwnClaim, claimRefusal } from './permissions.ts';

export type Claim = typeof claims.$inferSelect;

/** What the audit log keeps of a claim; claims are audited on their challenge. */
export const claimSnapshot = (claim: Claim) => ({
  claimId: claim.id,
  userId: claim.userId,
  status: claim.status,
  lastActivityAt: claim.lastActivityAt,
  releaseReason: claim.releaseReason,
});

/**
 * A volunteer says "I am working on this". Claiming again while the claim is active changes
 * nothing; the partial unique index settles two requests racing for the same claim.
 */
export async function claimChallenge(
  db: Db,
  user: User,
  challengeId: string,
): Promise<{ claim: Claim; created: boolean }> {
  return db.transaction(async (tx) => {
    const challenge = await holdChallenge(tx, challengeId);
    const refusal = claimRefusal(user, challenge);
    if (refusal) throw new ForbiddenError(`claims.errors.${refusal}`);
    const [created] = await tx
      .insert(claims)
      .values({ challengeId: challenge.id, userId: user.id })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(claims)
        .where(
          and(
            eq(claims.challengeId, challenge.id),
            eq(claims.userId, user.id),
            eq(claims.status, 'active'),
          ),
        );
      return { claim: existing!, created: false };
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: 'claim.create',
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      after: claimSnapshot(created),
    });
    return { claim: created, created: true };
  });
}

/** The volunteer stops working on the challenge; nothing happens when they had no claim. */
export async function releaseOwnClaim(
  db: Db,
  actor: User,
  challengeId: string,
): Promise<Claim | undefined> {
  const actorId = actor.id;
  return db.transaction(async (tx) => {
    const challenge = await holdChallenge(tx, challengeId);
    const [current] = await tx
      .select()
      .from(claims)
      .where(
        and(
          eq(claims.challengeId, challenge.id),
          eq(claims.userId, actorId),
          eq(claims.status, 'active'),
        ),
      );
    if (!current || !canReleaseOwnClaim(current, actorId)) return undefined;
    const released = await markReleased(tx, current, actorId, null);
    if (!released) return undefined;
    await recordAudit(tx, {
      actorId,
      action: 'claim.release',
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      before: claimSnapshot(current),
      after: { ...claimSnapshot(released), releasedBy: 'volunteer' },
    });
    return released;
  });
}

/**
 * A member of the challenge's organization releases someone's claim, with a public reason. The
 * claim is locked and the actor's membership read inside the transaction.
 */
export async function releaseClaimAsOrganization(
  db: Db,
  actor: User,
  challengeId: string,
  claimId: string,
  reason: string,
): Promise<Claim> {
  if (!isUuid(claimId)) throw new NotFoundError();
  const actorId = actor.id;
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .select()
      .from(claims)
      .where(and(eq(claims.id, claimId), eq(claims.challengeId, challengeId)))
      .for('update');
    if (!claim) throw new NotFoundError();
    const challenge = await holdChallenge(tx, challengeId);
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, challenge.organizationId));
    const isMember = (await membershipRole(tx, actorId, challenge.organizationId)) !== null;
    if (!canReleaseClaimAsOrganization(claim, isMember)) {
      throw isMember
        ? new NotFoundError('claims.errors.notActive')
        : new ForbiddenError('claims.errors.releaseRefused');
    }
    const released = await markReleased(tx, claim, actorId, reason);
    // Released, expired or withdrawn a moment ago by someone else.
    if (!released) throw new ForbiddenError('claims.errors.notActive');
    await recordAudit(tx, {
      actorId,
      action: 'claim.release',
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      before: claimSnapshot(claim),
      after: { ...claimSnapshot(released), releasedBy: 'organization' },
    });
    await queueClaimEmail(tx, claim.userId, 'claim-released', challenge, {
      organization: organization!.name,
      reason,
    });
    return released;
  });
}

async function markReleased(
  tx: Pick<Db, 'update'>,
  claim: Claim,
  actorId: string,
  reason: string | null,
): Promise<Claim | undefined> {
  const [released] = await tx
    .update(claims)
    .set({
      status: 'released',
      releasedAt: new Date(),
      releasedById: actorId,
      releaseReason: reason,
    })
    .where(and(eq(claims.id, claim.id), eq(claims.status, 'active')))
    .returning();
  return released;
}

/** One claim of a challenge, by id; undefined for an unknown or malformed id. */
export async function findClaim(
  db: Db,
  challengeId: string,
  claimId: string,
): Promise<Claim | undefined> {
  if (!isUuid(claimId)) return undefined;
  const [row] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.id, claimId), eq(claims.challengeId, challengeId)));
  return row;
}

// Deleted accounts are not shown as working.
const activeOn = (challengeId: string) =>
  and(eq(claims.challengeId, challengeId), eq(claims.status, 'active'), isNull(users.deletedAt));

/** How many people are working on a challenge. */
export async function activeClaimCount(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .where(activeOn(challengeId));
  return row?.n ?? 0;
}

/** Whether this person is working on the challenge now, wherever their claim is in the list. */
export async function isWorkingOn(db: Db, challengeId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: claims.id })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .where(and(activeOn(challengeId), eq(claims.userId, userId)));
  return row !== undefined;
}

/** One page of who is working on a challenge, longest first. */
export async function activeClaimsOfChallenge(
  db: Db,
  challengeId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({
      id: claims.id,
      userId: claims.userId,
      createdAt: claims.createdAt,
      lastActivityAt: claims.lastActivityAt,
      person: publicPersonColumns,
      avatarUrl: users.avatarUrl,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.userId))
    .where(activeOn(challengeId))
    .orderBy(asc(claims.createdAt), asc(claims.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** The volunteer a claim belongs to, for the release page and the email that follows it. */
export async function claimant(db: Db, claim: Claim) {
  const [row] = await db.select().from(users).where(eq(users.id, claim.userId));
  return row;
}

/** The challenges a volunteer publicly says they are working on, newest first. */
export async function activeClaimsOfVolunteer(db: Db, userId: string) {
  return db
    .select({
      id: claims.id,
      createdAt: claims.createdAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
    })
    .from(claims)
    .innerJoin(challenges, eq(challenges.id, claims.challengeId))
    .where(
      and(
        eq(claims.userId, userId),
        eq(claims.status, 'active'),
        inArray(challenges.status, ['open', 'in_progress']),
      ),
    )
    .orderBy(desc(claims.createdAt), desc(claims.id));
}
