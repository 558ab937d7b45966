import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { loginTokens } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

export const LOGIN_LINK_MINUTES = 15;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new single-use sign-in token; only its hash is stored. */
export async function createLoginToken(
  db: Db,
  email: string,
  returnTo: string | null,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(loginTokens).values({
    email,
    tokenHash: hash(token),
    returnTo,
    expiresAt: new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000),
  });
  return token;
}

const usable = (token: string) =>
  and(
    eq(loginTokens.tokenHash, hash(token)),
    isNull(loginTokens.usedAt),
    gt(loginTokens.expiresAt, sql`now()`),
  );

/** The address a token would sign in to, while it still could, without using it. */
export async function usableLoginTokenEmail(db: Db, token: string): Promise<string | undefined> {
  const [row] = await db
    .select({ email: loginTokens.email })
    .from(loginTokens)
    .where(usable(token));
  return row?.email;
}

/** Whether an unused, unexpired token for the address and destination was made seconds ago. */
export async function hasRecentLoginToken(
  db: Db,
  email: string,
  returnTo: string | null,
  withinSeconds: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: loginTokens.id })
    .from(loginTokens)
    .where(
      and(
        eq(loginTokens.email, email),
        sql`${loginTokens.returnTo} IS NOT DISTINCT FROM ${returnTo}`,
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, sql`now()`),
        gt(loginTokens.createdAt, sql`now() - make_interval(secs => ${withinSeconds})`),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Uses a token once: a single UPDATE, so two clicks racing cannot both sign in. */
export async function consumeLoginToken(
  db: Db,
  token: string,
): Promise<{ email: string; returnTo: string | null } | undefined> {
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: sql`now()` })
    .where(usable(token))
    .returning({ email: loginTokens.email, returnTo: loginTokens.returnTo });
  return row;
}

export async function deleteStaleLoginTokens(db: Db): Promise<void> {
  await db
    .delete(loginTokens)
    .where(
      or(
        lt(loginTokens.expiresAt, sql`now() - interval '1 day'`),
        lt(loginTokens.usedAt, sql`now() - interval '1 day'`),
      ),
    );
}
