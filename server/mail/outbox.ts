import { and, inArray, lt } from 'drizzle-orm';
import {
  notificationPreferences,
  outbox,
  type NotificationDelivery,
} from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import type { Language } from '../i18n/index.ts';
import {
  defaultDelivery,
  isEssentialKind,
  type EmailKind,
  type NotificationKind,
} from './email-kinds.ts';

/** Who an email goes to: an account (whose preferences apply), or a bare address. */
export interface EmailRecipient {
  userId: string | null;
  email: string;
  language: Language;
}

export interface EmailToSend {
  kind: EmailKind;
  /** A file in views/emails/, without `.hbs`. */
  template: string;
  to: EmailRecipient;
  /** The template's context; plain JSON, rendered in the recipient's language when sent. */
  data: Record<string, unknown>;
  /** The data holds a one-time link: emptied from the outbox once the email is sent. */
  secret?: boolean;
}

export interface EnqueueResult {
  immediate: number;
  digest: number;
  skipped: number;
}

async function deliveriesFor(
  tx: Tx,
  emails: EmailToSend[],
): Promise<Map<string, NotificationDelivery>> {
  const userIds = [
    ...new Set(emails.flatMap((email) => (email.to.userId ? [email.to.userId] : []))),
  ];
  const kinds = [...new Set(emails.map((email) => email.kind))];
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.userId, userIds),
        inArray(notificationPreferences.kind, kinds),
      ),
    );
  return new Map(rows.map((row) => [`${row.userId}|${row.kind}`, row.delivery]));
}

/**
 * Writes emails to the outbox in the caller's transaction, so they exist exactly when the change
 * they tell about is committed. Each person's preference for the kind decides: sent as soon as
 * the worker can, kept for the daily digest, or not written at all. Essential kinds and bare
 * addresses always go out.
 */
export async function enqueueEmails(tx: Tx, emails: EmailToSend[]): Promise<EnqueueResult> {
  const result: EnqueueResult = { immediate: 0, digest: 0, skipped: 0 };
  if (emails.length === 0) return result;
  const chosen = await deliveriesFor(tx, emails);
  const rows: (typeof outbox.$inferInsert)[] = [];
  for (const email of emails) {
    let delivery: NotificationDelivery = 'immediate';
    if (email.to.userId && !isEssentialKind(email.kind)) {
      delivery =
        chosen.get(`${email.to.userId}|${email.kind}`) ??
        defaultDelivery(email.kind as NotificationKind);
    }
    if (delivery === 'never') {
      result.skipped += 1;
      continue;
    }
    result[delivery === 'daily' ? 'digest' : 'immediate'] += 1;
    rows.push({
      kind: email.kind,
      template: email.template,
      recipientId: email.to.userId,
      toAddress: email.to.email,
      language: email.to.language,
      data: email.data,
      secret: email.secret ?? false,
      status: delivery === 'daily' ? 'digest' : 'pending',
    });
  }
  if (rows.length > 0) await tx.insert(outbox).values(rows);
  return result;
}

/** The same email to several people, each in their language. */
export function toEach(
  recipients: EmailRecipient[],
  email: Omit<EmailToSend, 'to'>,
): EmailToSend[] {
  return recipients.map((to) => ({ ...email, to }));
}

const KEEP_DELIVERED_DAYS = 90;

/** Forgets delivered emails after a while; failed ones stay until an admin deals with them. */
export async function deleteOldOutboxRows(db: Pick<Tx, 'delete'>, now = new Date()) {
  const before = new Date(now.getTime() - KEEP_DELIVERED_DAYS * 24 * 60 * 60 * 1000);
  await db
    .delete(outbox)
    .where(and(inArray(outbox.status, ['sent', 'digested']), lt(outbox.createdAt, before)));
}
