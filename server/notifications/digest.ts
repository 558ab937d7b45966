import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { outbox, users } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { isLanguage } from '../i18n/index.ts';
import { DIGEST_KIND, DIGEST_TEMPLATE, type DigestItem } from '../mail/index.ts';

const TIME_ZONE = 'America/Mexico_City';
const BATCH_SIZE = 50;
const HOUR_MS = 60 * 60 * 1000;

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The wall-clock time in Mexico City, read as if it were UTC (for date arithmetic). */
function localAsUtc(date: Date): number {
  const field = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(
    field.year!,
    field.month! - 1,
    field.day!,
    field.hour!,
    field.minute!,
    field.second!,
  );
}

/**
 * The latest digest time at or before `now`: `hour`:00 in Mexico City today, or yesterday when
 * that is still to come. Everything that waited before it belongs in that day's digest.
 */
export function digestCutoff(now: Date, hour: number): Date {
  const local = localAsUtc(now);
  const offset = local - Math.floor(now.getTime() / 1000) * 1000;
  const day = new Date(local);
  let cutoff = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour);
  if (cutoff > local) cutoff -= 24 * HOUR_MS;
  return new Date(cutoff - offset);
}

/**
 * Folds each person's waiting notifications from before the day's digest time into one email.
 * A person's row is locked while their digest is made, so two processes never make two; the
 * items and the digest change in one transaction.
 */
export async function sendDailyDigests(
  deps: { db: Db; config: Pick<Config, 'digestHour'> },
  now: Date = new Date(),
): Promise<{ digests: number; items: number }> {
  const cutoff = digestCutoff(now, deps.config.digestHour);
  const waiting = and(eq(outbox.status, 'digest'), lt(outbox.createdAt, cutoff));
  const people = await deps.db
    .selectDistinct({ id: outbox.recipientId })
    .from(outbox)
    .where(and(waiting, isNotNull(outbox.recipientId)));
  const report = { digests: 0, items: 0 };
  for (let i = 0; i < people.length; i += BATCH_SIZE) {
    for (const { id } of people.slice(i, i + BATCH_SIZE)) {
      const folded = await digestFor(deps.db, id!, waiting);
      if (folded > 0) {
        report.digests += 1;
        report.items += folded;
      }
    }
  }
  return report;
}

async function digestFor(db: Db, userId: string, waiting: SQL | undefined) {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select()
      .from(users)
      .where(eq(users.id, userId))
      .for('no key update', { skipLocked: true });
    // Another process is making this person's digest.
    if (!person) return 0;
    const items = await tx
      .select()
      .from(outbox)
      .where(and(waiting, eq(outbox.recipientId, userId)))
      .orderBy(outbox.createdAt, outbox.id);
    if (items.length === 0) return 0;
    const to = person.contactEmail ?? person.email;
    let digestId: string | null = null;
    // A deleted account or one without an address gets nothing; its items are simply done.
    if (!person.deletedAt && to) {
      digestId = randomUUID();
      const data: { items: DigestItem[] } = {
        items: items.map((item) => ({
          kind: item.kind,
          template: item.template,
          data: item.data,
          createdAt: item.createdAt.toISOString(),
        })),
      };
      await tx.insert(outbox).values({
        id: digestId,
        kind: DIGEST_KIND,
        template: DIGEST_TEMPLATE,
        recipientId: userId,
        toAddress: to,
        language: isLanguage(person.locale) ? person.locale : 'es',
        data,
        secret: items.some((item) => item.secret),
      });
    }
    await tx
      .update(outbox)
      .set({ status: 'digested', digestId })
      .where(
        inArray(
          outbox.id,
          items.map((item) => item.id),
        ),
      );
    return digestId ? items.length : 0;
  });
}
