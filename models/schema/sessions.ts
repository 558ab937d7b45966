import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// express-session rows: several app processes share sign-ins through the database.
export const sessions = pgTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index('sessions_expires_idx').on(table.expiresAt)],
);
