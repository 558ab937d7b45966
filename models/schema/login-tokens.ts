import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// One-time sign-in links. Only a hash of the token is stored: a leaked table signs nobody in.
export const loginTokens = pgTable(
  'login_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    returnTo: text('return_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('login_tokens_email_idx').on(table.email),
    index('login_tokens_expires_idx').on(table.expiresAt),
  ],
);

export type LoginToken = typeof loginTokens.$inferSelect;
