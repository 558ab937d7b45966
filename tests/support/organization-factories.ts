import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  organizationInvitations,
  users,
  type MembershipRole,
  type Organization,
  type OrganizationInvitation,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { signInByEmail } from './sign-in.ts';
import type { TestApp } from './test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Limits generous enough for a test file that signs many people in and posts many forms. */
export const relaxedLimits = {
  signInLimits: {
    perAddressAndClientPerHour: 1000,
    perAddressPerHour: 1000,
    perIpPerHour: 1000,
    resendAfterSeconds: 0,
  },
  writeRateLimit: { windowMs: 60_000, limit: 10_000 },
};

export async function userByEmail(db: Db, email: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!user) throw new Error(`no account for ${email}`);
  return user;
}

export async function addMembership(
  db: Db,
  organization: Organization,
  user: User,
  role: MembershipRole = 'member',
): Promise<void> {
  await db.insert(memberships).values({ organizationId: organization.id, userId: user.id, role });
}

export async function roleIn(
  db: Db,
  organization: Organization,
  user: User,
): Promise<MembershipRole | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, user.id)));
  return row?.role;
}

/**
 * Signs a person in through the email link, optionally names them and makes them a member of
 * an organization; returns the signed-in visitor and their account.
 */
export async function signedIn(
  test: TestApp,
  email: string,
  options: { organization?: Organization; role?: MembershipRole; name?: string } = {},
) {
  const { person } = await signInByEmail(test, email);
  const db = test.database.db;
  let user = await userByEmail(db, email);
  if (options.name) {
    [user] = (await db
      .update(users)
      .set({ name: options.name })
      .where(eq(users.id, user.id))
      .returning()) as [User];
  }
  if (options.organization) {
    await addMembership(db, options.organization, user, options.role ?? 'member');
  }
  return { person, user };
}

/** An invitation written straight to the database; returns the token its link would carry. */
export async function makeInvitation(
  db: Db,
  organization: Organization,
  overrides: Partial<typeof organizationInvitations.$inferInsert> = {},
): Promise<{ token: string; invitation: OrganizationInvitation }> {
  const token = randomBytes(32).toString('base64url');
  const [invitation] = await db
    .insert(organizationInvitations)
    .values({
      organizationId: organization.id,
      email: `invitada-${randomBytes(4).toString('hex')}@example.org`,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      expiresAt: new Date(Date.now() + 14 * DAY_MS),
      ...overrides,
    })
    .returning();
  return { token, invitation: invitation! };
}

export async function auditEventsFor(db: Db, subjectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectId, subjectId),
        action ? eq(auditEvents.action, action) : undefined,
      ),
    )
    .orderBy(auditEvents.createdAt);
}
