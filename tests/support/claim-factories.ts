import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  claims,
  memberships,
  proposalMembers,
  proposals,
  users,
  type Challenge,
  type ClaimStatus,
  type NewUser,
  type Organization,
  type Proposal,
  type ProposalStatus,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import type { Claim } from '../../server/claims/service.ts';
import { makeUser } from './factories.ts';
import { leadIdFor } from './proposal-factories.ts';
import { signInByEmail } from './sign-in.ts';
import type { TestApp } from './test-app.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Enough room for a test file that signs many people in and posts many forms. */
export const roomyLimits = {
  signInLimits: {
    perAddressAndClientPerHour: 1000,
    perAddressPerHour: 1000,
    perIpPerHour: 1000,
    resendAfterSeconds: 0,
  },
  writeRateLimit: { windowMs: 60_000, limit: 10_000 },
};

let nextGithubId = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** The GitHub identity that makes an account a volunteer. */
export function githubIdentity(login = `dev-${randomBytes(3).toString('hex')}`) {
  nextGithubId += 1;
  return { githubId: nextGithubId, githubLogin: login, githubName: null };
}

/** A volunteer's account (signed in with GitHub), not signed in anywhere. */
export async function makeVolunteer(db: Db, overrides: Partial<NewUser> = {}): Promise<User> {
  return makeUser(db, { ...githubIdentity(), ...overrides });
}

/**
 * Signs someone in through the email link; `login` turns the account into a volunteer's, as a
 * GitHub sign-in would; `organization` makes them a member of it.
 */
export async function signedInPerson(
  test: TestApp,
  email: string,
  options: { login?: string; organization?: Organization; name?: string } = {},
) {
  const { person } = await signInByEmail(test, email);
  const db = test.database.db;
  const changes: Partial<NewUser> = {
    ...(options.login ? githubIdentity(options.login) : {}),
    ...(options.name ? { name: options.name } : {}),
  };
  const where = eq(users.email, email.toLowerCase());
  const [user] =
    Object.keys(changes).length > 0
      ? await db.update(users).set(changes).where(where).returning()
      : await db.select().from(users).where(where);
  if (options.organization) {
    await db
      .insert(memberships)
      .values({ organizationId: options.organization.id, userId: user!.id });
  }
  return { person, user: user! };
}

/** A claim written straight to the database; active and fresh unless told otherwise. */
export async function makeClaim(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  user: Pick<User, 'id'>,
  overrides: { status?: ClaimStatus; lastActivityAt?: Date; createdAt?: Date } = {},
): Promise<Claim> {
  const [row] = await db
    .insert(claims)
    .values({
      challengeId: challenge.id,
      userId: user.id,
      status: overrides.status ?? 'active',
      lastActivityAt: overrides.lastActivityAt ?? new Date(),
      createdAt: overrides.createdAt ?? overrides.lastActivityAt ?? new Date(),
    })
    .returning();
  return row!;
}

export const daysAgo = (days: number, from = new Date()) =>
  new Date(from.getTime() - days * DAY_MS);

export async function claimById(db: Db, id: string): Promise<Claim> {
  const [row] = await db.select().from(claims).where(eq(claims.id, id));
  return row!;
}

export async function activeClaimsOf(db: Db, challenge: Pick<Challenge, 'id'>) {
  return db
    .select()
    .from(claims)
    .where(and(eq(claims.challengeId, challenge.id), eq(claims.status, 'active')));
}

/**
 * A proposal with its team: the lead (also written as a `lead` member, as the proposals feature
 * does) and members who accepted or are still invited.
 */
export async function makeTeamProposal(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  lead: Pick<User, 'id'>,
  options: {
    status?: ProposalStatus;
    title?: string;
    members?: { user: Pick<User, 'id'>; accepted: boolean }[];
  } = {},
): Promise<Proposal> {
  const status = options.status ?? 'submitted';
  const now = new Date();
  const [proposal] = await db
    .insert(proposals)
    .values({
      challengeId: challenge.id,
      leadId: await leadIdFor(db, challenge.id, lead.id, status),
      title: options.title ?? `Propuesta ${randomBytes(4).toString('hex')}`,
      status,
      submittedAt: status === 'draft' ? null : now,
      // The lifecycle stamps acceptance before delivery (the database checks the order).
      acceptedAt: ['accepted', 'in_progress', 'delivered', 'adopted'].includes(status) ? now : null,
      deliveredAt: status === 'delivered' || status === 'adopted' ? now : null,
    })
    .returning();
  await db.insert(proposalMembers).values([
    { proposalId: proposal!.id, userId: lead.id, role: 'lead', acceptedAt: new Date() },
    ...(options.members ?? []).map(({ user, accepted }) => ({
      proposalId: proposal!.id,
      userId: user.id,
      role: 'member' as const,
      acceptedAt: accepted ? new Date() : null,
    })),
  ]);
  return proposal!;
}
