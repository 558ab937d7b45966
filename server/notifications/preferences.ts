import { eq, sql } from 'drizzle-orm';
import {
  notificationPreferences,
  users,
  type NotificationDelivery,
} from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import {
  defaultDelivery,
  notificationKinds,
  readUnsubscribeToken,
  type NotificationKind,
} from '../mail/index.ts';

export type NotificationChoices = Record<NotificationKind, NotificationDelivery>;

/** Every kind with the person's choice, or the kind's default where they never chose. */
export async function preferencesOf(
  db: Pick<Db, 'select'>,
  userId: string,
): Promise<NotificationChoices> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, chosen.get(kind) ?? defaultDelivery(kind)]),
  ) as NotificationChoices;
}

/** Saves some or all choices at once: every kind given is stored in one statement. */
export async function saveChoices(
  db: Pick<Db, 'insert'>,
  userId: string,
  choices: Partial<NotificationChoices>,
): Promise<void> {
  const rows = Object.entries(choices).map(([kind, delivery]) => ({
    userId,
    kind,
    delivery: delivery!,
  }));
  if (rows.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(rows)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery: sql`excluded.delivery`, updatedAt: sql`now()` },
    });
}

/**
 * What an unsubscribe link does: the kind it names, or every kind, becomes "never". The signed
 * token is the authority, checked here before anything is written: null for a token that is
 * malformed or not signed by us; false when the account is gone (deleted accounts get nothing).
 */
export async function unsubscribeWithToken(
  db: Db,
  config: Pick<Config, 'sessionSecret'>,
  token: string,
): Promise<boolean | null> {
  const found = readUnsubscribeToken(config, token);
  if (!found) return null;
  const { userId, scope } = found;
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!person || person.deletedAt) return false;
    const kinds = scope === 'all' ? notificationKinds : [scope];
    await saveChoices(tx, userId, Object.fromEntries(kinds.map((kind) => [kind, 'never'])));
    return true;
  });
}
