import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './users.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// pending: the worker sends it when next_attempt_at comes; digest: waits for the person's daily
// digest; digested: folded into the digest named by digest_id; sent/failed: final (an admin may
// send a failed one again).
export const outboxStatuses = ['pending', 'digest', 'digested', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxStatus = pgEnum('outbox_status', outboxStatuses);

// Every email, written in the transaction of the change it tells about, so none is lost.
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // What the email is about: a notification kind people choose how to receive, or an
    // essential kind (sign-in links, invitations to an address without an account).
    kind: text('kind').notNull(),
    template: text('template').notNull(),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    language: text('language').notNull(),
    // The template's context, language-neutral: the email is rendered when it is sent.
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    // The data holds a one-time link: it is emptied once the email is sent.
    secret: boolean('secret').notNull().default(false),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    // When the worker may take it next: now, after a back-off, or after a worker's lease.
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lastAttemptAt: at('last_attempt_at'),
    lastError: text('last_error'),
    // The last attempt found the mail server down, not the message at fault: due again as soon
    // as a worker reaches the server.
    waitingForServer: boolean('waiting_for_server').notNull().default(false),
    sentAt: at('sent_at'),
    digestId: uuid('digest_id').references((): AnyPgColumn => outbox.id, {
      onDelete: 'set null',
    }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('outbox_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    index('outbox_digest_idx')
      .on(table.recipientId, table.createdAt)
      .where(sql`${table.status} = 'digest'`),
    index('outbox_status_idx').on(table.status, table.createdAt),
    index('outbox_recipient_idx').on(table.recipientId),
    index('outbox_digest_id_idx').on(table.digestId),
    check('outbox_attempts_check', sql`${table.attempts} >= 0`),
  ],
);

export type OutboxMessage = typeof outbox.$inferSelect;

export const notificationDeliveries = ['immediate', 'daily', 'never'] as const;
export type NotificationDelivery = (typeof notificationDeliveries)[number];
export const notificationDelivery = pgEnum('notification_delivery', notificationDeliveries);

// How a person wants each kind of notification; a missing row means the kind's default.
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    delivery: notificationDelivery('delivery').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);
