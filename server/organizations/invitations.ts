import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  memberships,
  organizationInvitations,
  organizations,
  users,
  type Organization,
  type OrganizationInvitation,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isLanguage, type Language } from '../i18n/index.ts';
import { enqueueEmails } from '../mail/index.ts';
import { lockOrganization, requireRole } from './guards.ts';
import { membershipRole } from './membership.ts';
import { canAcceptInvitation, canInviteMembers, canRevokeInvitations } from './permissions.ts';

export const INVITATION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Not accepted, not revoked, not expired. */
const pending = () =>
  and(
    isNull(organizationInvitations.acceptedAt),
    isNull(organizationInvitations.revokedAt),
    gt(organizationInvitations.expiresAt, sql`now()`),
  );

const invitationPath = (token: string) => `/invitaciones/${encodeURIComponent(token)}`;

/**
 * An owner invites an address to join as a member; only the hash of the link's token is stored. A
 * new invitation to the same address replaces a pending one, so the newest link is the one that
 * works.
 */
export async function createInvitation(
  db: Db,
  inviter: User,
  organizationId: string,
  email: string,
  language: Language,
  now = new Date(),
): Promise<{ token: string; invitation: OrganizationInvitation }> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    // Locked, so an owner demoted at the same moment cannot still send an invitation.
    const organization = await lockOrganization(tx, organizationId);
    await requireRole(tx, inviter, organizationId, canInviteMembers);
    const [member] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, organizationId), eq(users.email, email)));
    if (member) throw new ValidationError({ email: 'organizations.errors.alreadyMember' });
    const replaced = await tx
      .update(organizationInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(organizationInvitations.organizationId, organizationId),
          eq(organizationInvitations.email, email),
          pending(),
        ),
      )
      .returning({ id: organizationInvitations.id });
    const [invitation] = await tx
      .insert(organizationInvitations)
      .values({
        organizationId,
        email,
        tokenHash: hash(token),
        invitedById: inviter.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
      })
      .returning();
    await recordAudit(tx, {
      actorId: inviter.id,
      action: 'invitation.create',
      subjectType: 'invitation',
      subjectId: invitation!.id,
      organizationId,
      after: {
        email,
        expiresAt: invitation!.expiresAt,
        replaces: replaced.map((row) => row.id),
      },
    });
    await queueInvitationEmail(tx, invitation!, token, organization, inviter, language);
    return { token, invitation: invitation! };
  });
}

/** Invitations a page of the members page shows, newest first. */
export const INVITATIONS_PAGE_SIZE = 50;

/** One page of the invitations still pending, newest first. */
export async function pendingInvitations(
  db: Db,
  organizationId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({
      id: organizationInvitations.id,
      email: organizationInvitations.email,
      createdAt: organizationInvitations.createdAt,
      expiresAt: organizationInvitations.expiresAt,
    })
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.organizationId, organizationId), pending()))
    .orderBy(desc(organizationInvitations.createdAt), desc(organizationInvitations.id))
    .limit(window.limit)
    .offset(window.offset);
}

/** How many invitations of an organization are still pending. */
export async function pendingInvitationCount(db: Db, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.organizationId, organizationId), pending()));
  return Number(row?.n ?? 0);
}

/** An owner withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(
  db: Db,
  actor: User,
  organizationId: string,
  invitationId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    await requireRole(tx, actor, organizationId, canRevokeInvitations);
    const [revoked] = await tx
      .update(organizationInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(organizationInvitations.id, invitationId),
          eq(organizationInvitations.organizationId, organizationId),
          pending(),
        ),
      )
      .returning();
    if (!revoked) throw new NotFoundError();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'invitation.revoke',
      subjectType: 'invitation',
      subjectId: revoked.id,
      organizationId,
      before: { email: revoked.email, revokedAt: null },
      after: { email: revoked.email, revokedAt: revoked.revokedAt },
    });
  });
}

/** The invitation behind a link and its organization, while the link can still be used. */
export async function usableInvitation(
  db: Pick<Db, 'select'>,
  token: string,
): Promise<{ invitation: OrganizationInvitation; organization: Organization } | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = await db
    .select({ invitation: organizationInvitations, organization: organizations })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .where(and(eq(organizationInvitations.tokenHash, hash(token)), pending()));
  return row;
}

/**
 * What the page behind a link shows: the usable invitation, who sent it, whether the viewer (if
 * signed in) already belongs, and whether they are the person it was sent to.
 */
export async function invitationForViewer(
  db: Db,
  viewer: User | undefined,
  token: string,
): Promise<
  | {
      invitation: OrganizationInvitation;
      organization: Organization;
      inviterName: string | null;
      alreadyMember: boolean;
      forViewer: boolean;
    }
  | undefined
> {
  const found = await usableInvitation(db, token);
  if (!found) return undefined;
  const [inviter] = found.invitation.invitedById
    ? await db
        .select({ name: users.name, githubName: users.githubName, login: users.githubLogin })
        .from(users)
        .where(and(eq(users.id, found.invitation.invitedById), isNull(users.deletedAt)))
    : [];
  const alreadyMember =
    viewer !== undefined && (await membershipRole(db, viewer.id, found.organization.id)) !== null;
  return {
    ...found,
    inviterName: inviter?.name ?? inviter?.githubName ?? inviter?.login ?? null,
    alreadyMember,
    forViewer: viewer !== undefined && canAcceptInvitation(viewer, found.invitation.email),
  };
}

export type AcceptOutcome =
  | { outcome: 'accepted' | 'already-member'; organization: Organization }
  | { outcome: 'other-address'; organization: Organization; invitation: OrganizationInvitation }
  | { outcome: 'unusable' };

/**
 * The invited address joins as a member; anyone else is told whom the link was for. The
 * invitation is used with one guarded UPDATE, so two clicks racing cannot both use it; someone
 * already a member leaves it untouched.
 */
export async function acceptInvitation(db: Db, user: User, token: string): Promise<AcceptOutcome> {
  return db.transaction(async (tx) => {
    const found = await usableInvitation(tx, token);
    if (!found) return { outcome: 'unusable' };
    const { invitation, organization } = found;
    if (await membershipRole(tx, user.id, organization.id)) {
      return { outcome: 'already-member', organization };
    }
    if (!canAcceptInvitation(user, invitation.email)) {
      return { outcome: 'other-address', organization, invitation };
    }
    const now = new Date();
    const [used] = await tx
      .update(organizationInvitations)
      .set({ acceptedAt: now, acceptedById: user.id })
      .where(and(eq(organizationInvitations.id, invitation.id), pending()))
      .returning({ id: organizationInvitations.id });
    if (!used) return { outcome: 'unusable' };
    await tx
      .insert(memberships)
      .values({ organizationId: organization.id, userId: user.id, role: 'member' })
      .onConflictDoNothing();
    await recordAudit(tx, {
      actorId: user.id,
      action: 'invitation.accept',
      subjectType: 'invitation',
      subjectId: invitation.id,
      organizationId: organization.id,
      before: { acceptedAt: null },
      after: { acceptedAt: now, userId: user.id, role: 'member' },
    });
    return { outcome: 'accepted', organization };
  });
}

/**
 * The invitation's email, in its transaction. The invitee reads it in the language of their
 * account (whose preferences then apply), or else the inviter's.
 */
async function queueInvitationEmail(
  tx: Tx,
  invitation: OrganizationInvitation,
  token: string,
  organization: Pick<Organization, 'name' | 'kind'>,
  inviter: User,
  fallback: Language,
): Promise<void> {
  const [account] = await tx
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.email, invitation.email), isNull(users.deletedAt)));
  await enqueueEmails(tx, [
    {
      kind: 'invitation',
      template: 'organization-invitation',
      to: {
        userId: account?.id ?? null,
        email: invitation.email,
        language: isLanguage(account?.locale) ? account.locale : fallback,
      },
      data: {
        path: invitationPath(token),
        organization: organization.name,
        kind: organization.kind,
        // The inviter is signed in and acting, so never a deleted account.
        inviter: inviter.name ?? inviter.githubName ?? inviter.githubLogin ?? inviter.email,
        days: INVITATION_DAYS,
        expiresAt: invitation.expiresAt.toISOString(),
      },
      secret: true,
    },
  ]);
}
