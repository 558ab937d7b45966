import { and, count, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { outbox, type OutboxStatus, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { isLanguage, type Translator } from '../i18n/index.ts';
import { renderSubject } from '../mail/index.ts';
import { isAdmin } from '../people/index.ts';

const FAILED_SHOWN = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How the outbox stands: what waits, what is being retried, what went out, what failed. */
export async function outboxSummary(db: Db, now = new Date()) {
  const byStatus = await db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.status);
  const of = (status: OutboxStatus) => byStatus.find((row) => row.status === status)?.n ?? 0;
  const [retrying] = await db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.lastError)));
  const [sentToday] = await db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'sent'), gte(outbox.sentAt, new Date(now.getTime() - DAY_MS))));
  return {
    pending: of('pending'),
    retrying: retrying?.n ?? 0,
    digest: of('digest'),
    sentToday: sentToday?.n ?? 0,
    failed: of('failed'),
  };
}

/** The newest failed emails, each with its subject as its recipient would read it. */
export async function failedEmails(db: Db, translator: Translator) {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.createdAt))
    .limit(FAILED_SHOWN);
  return rows.map((row) => {
    const lang = isLanguage(row.language) ? row.language : 'es';
    let subject: string;
    try {
      // A digest's subject counts its items.
      const count = Array.isArray(row.data.items) ? row.data.items.length : undefined;
      subject = renderSubject(row.template, { ...row.data, count, t: translator.t(lang), lang });
    } catch {
      // A template that cannot render is one reason an email fails: show its name instead.
      subject = row.template;
    }
    return { ...row, subject };
  });
}

/**
 * Puts failed emails back in line with a fresh set of attempts, audited. Only failed ones: an
 * email already sent or on its way is never sent again from here.
 */
export async function retryFailedEmails(
  db: Db,
  admins: Pick<Config, 'adminEmails' | 'adminGithubLogins'>,
  actor: User,
  ids?: string[],
) {
  if (!isAdmin(actor, admins)) throw new ForbiddenError('admin.refused');
  const adminId = actor.id;
  return db.transaction(async (tx) => {
    const retried = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()` })
      .where(and(eq(outbox.status, 'failed'), ids ? inArray(outbox.id, ids) : undefined))
      .returning({ id: outbox.id, toAddress: outbox.toAddress, lastError: outbox.lastError });
    for (const row of retried) {
      await recordAudit(tx, {
        actorId: adminId,
        action: 'email.retry',
        subjectType: 'email',
        subjectId: row.id,
        before: { status: 'failed', lastError: row.lastError },
        after: { status: 'pending' },
      });
    }
    return retried.length;
  });
}
