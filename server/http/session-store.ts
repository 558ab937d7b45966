import { eq, lt, sql } from 'drizzle-orm';
import session from 'express-session';
import { sessions } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** express-session rows in PostgreSQL, so every app process sees the same sign-ins. */
export class DatabaseSessionStore extends session.Store {
  constructor(private readonly db: Db) {
    super();
  }

  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.db
      .select({ data: sessions.data })
      .from(sessions)
      .where(sql`${sessions.sid} = ${sid} AND ${sessions.expiresAt} > now()`)
      .then(([row]) => callback(null, (row?.data as session.SessionData | undefined) ?? null))
      .catch((error) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const expiresAt = this.expiry(data);
    this.db
      .insert(sessions)
      .values({ sid, data, expiresAt })
      .onConflictDoUpdate({ target: sessions.sid, set: { data, expiresAt } })
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.db
      .update(sessions)
      .set({ expiresAt: this.expiry(data) })
      .where(eq(sessions.sid, sid))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db
      .delete(sessions)
      .where(eq(sessions.sid, sid))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
