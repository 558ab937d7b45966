import { eq } from 'drizzle-orm';
import { outbox, type User } from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { enqueueEmails, type EmailToSend } from '../../server/mail/outbox.ts';
import { type NotificationKind } from '../../server/mail/email-kinds.ts';

/** A notification about a claim to a person, as the claims feature writes it. */
export function claimNotice(
  user: Pick<User, 'id' | 'email' | 'locale'>,
  challenge: string,
  kind: NotificationKind = 'claim',
): EmailToSend {
  return {
    kind,
    template: 'claim-released',
    to: { userId: user.id, email: user.email!, language: user.locale },
    data: {
      challenge,
      organization: 'Vecinos del Atoyac',
      reason: 'Otro equipo entregó.',
      path: `/retos/${encodeURIComponent(challenge)}`,
    },
  };
}

/** Writes emails in a transaction of their own, as a feature would alongside its change. */
export function enqueue(db: Db, emails: EmailToSend[]) {
  return db.transaction((tx) => enqueueEmails(tx, emails));
}

export function outboxRowsTo(db: Db, address: string) {
  return db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.createdAt);
}
