import { and, eq, isNull, sql } from 'drizzle-orm';
import { users, type Locale, type User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

export interface GithubIdentity {
  id: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  /** The primary address, only if GitHub has verified it. */
  verifiedEmail: string | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * The volunteer behind a GitHub identity. Matched by GitHub's numeric id, never by login
 * (logins change and pass to other people); the GitHub fields refresh on every sign-in. A
 * first sign-in whose verified email already has an account joins that account.
 */
export async function signInWithGithub(db: Db, identity: GithubIdentity): Promise<User> {
  const email = identity.verifiedEmail ? normalizeEmail(identity.verifiedEmail) : null;
  const githubFields = {
    githubId: identity.id,
    githubLogin: identity.login,
    githubName: identity.name,
    githubProfileUrl: identity.profileUrl,
    avatarUrl: identity.avatarUrl,
    lastSignInAt: new Date(),
    updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const [known] = await tx.select().from(users).where(eq(users.githubId, identity.id));
    if (known) {
      const [updated] = await tx
        .update(users)
        .set({ ...githubFields, email: known.email ?? (await freeEmail(tx, email)) })
        .where(eq(users.id, known.id))
        .returning();
      return updated!;
    }
    if (email) {
      const [sameEmail] = await tx
        .select()
        .from(users)
        .where(and(eq(users.email, email), isNull(users.githubId), isNull(users.deletedAt)));
      if (sameEmail) {
        const [joined] = await tx
          .update(users)
          .set({ ...githubFields, name: sameEmail.name ?? identity.name })
          .where(eq(users.id, sameEmail.id))
          .returning();
        return joined!;
      }
    }
    const [created] = await tx
      .insert(users)
      .values({ ...githubFields, name: identity.name, email: await freeEmail(tx, email) })
      .returning();
    return created!;
  });
}

// An address already held by another account stays with that account.
async function freeEmail(db: Pick<Db, 'select'>, email: string | null): Promise<string | null> {
  if (!email) return null;
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return taken ? null : email;
}

/** The person who proved they read this address; a first sign-in creates the account. */
export async function signInWithEmail(db: Db, rawEmail: string, locale: Locale): Promise<User> {
  const email = normalizeEmail(rawEmail);
  const [user] = await db
    .insert(users)
    .values({ email, locale, lastSignInAt: new Date() })
    .onConflictDoUpdate({ target: users.email, set: { lastSignInAt: sql`now()` } })
    .returning();
  return user!;
}

export async function findActiveUser(db: Db, id: string): Promise<User | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)));
  return user;
}

/** The name of the account behind an address, if it has one, for pages that say who is signing in. */
export async function accountNameForEmail(db: Db, rawEmail: string): Promise<string | null> {
  const [user] = await db
    .select({ name: users.name, githubName: users.githubName })
    .from(users)
    .where(and(eq(users.email, normalizeEmail(rawEmail)), isNull(users.deletedAt)));
  return user?.name ?? user?.githubName ?? null;
}
