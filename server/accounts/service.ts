import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  challenges,
  loginTokens,
  memberships,
  organizations,
  outbox,
  sessions,
  users,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { preferencesOf } from '../notifications/index.ts';
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

/** Everything Retos stores about a person (ARCO access right), as plain data. */
export async function exportPersonalData(db: Db, user: User) {
  const [organizationsOf, authored, links, notifications, emails] = await Promise.all([
    membershipsOf(db, user.id),
    db
      .select({
        slug: challenges.slug,
        title: challenges.title,
        status: challenges.status,
        createdAt: challenges.createdAt,
      })
      .from(challenges)
      .where(eq(challenges.authorId, user.id))
      .orderBy(desc(challenges.createdAt)),
    db
      .select({
        createdAt: loginTokens.createdAt,
        expiresAt: loginTokens.expiresAt,
        usedAt: loginTokens.usedAt,
      })
      .from(loginTokens)
      .where(eq(loginTokens.email, user.email ?? ''))
      .orderBy(desc(loginTokens.createdAt)),
    preferencesOf(db, user.id),
    db
      .select({
        kind: outbox.kind,
        to: outbox.toAddress,
        status: outbox.status,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(eq(outbox.recipientId, user.id))
      .orderBy(desc(outbox.createdAt)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      contactEmail: user.contactEmail,
      bio: user.bio,
      skills: user.skills,
      preferredLanguage: user.locale,
      moderator: user.isModerator,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      lastSignInAt: user.lastSignInAt,
    },
    github:
      user.githubId === null
        ? null
        : {
            id: user.githubId,
            login: user.githubLogin,
            name: user.githubName,
            profileUrl: user.githubProfileUrl,
            avatarUrl: user.avatarUrl,
          },
    organizations: organizationsOf,
    challengesWritten: authored,
    signInLinks: links,
    notificationPreferences: notifications,
    emailsToYou: emails,
  };
}

/**
 * Erases a person's personal data (ARCO cancellation). The row stays, emptied, so what they
 * wrote for an organization remains and reads as "deleted account"; every session ends.
 */
export async function deleteAccount(db: Db, user: User): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(memberships).where(eq(memberships.userId, user.id));
    // Nothing more is written to a deleted account: its unsent notifications go with it.
    await tx
      .delete(outbox)
      .where(and(eq(outbox.recipientId, user.id), inArray(outbox.status, ['pending', 'digest'])));
    if (user.email) await tx.delete(loginTokens).where(eq(loginTokens.email, user.email));
    await tx.delete(sessions).where(sql`${sessions.data} -> 'passport' ->> 'user' = ${user.id}`);
    await tx
      .update(users)
      .set({
        name: null,
        email: null,
        contactEmail: null,
        githubId: null,
        githubLogin: null,
        githubName: null,
        githubProfileUrl: null,
        avatarUrl: null,
        bio: '',
        skills: [],
        isModerator: false,
        lastSignInAt: null,
        deletedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
  });
}
