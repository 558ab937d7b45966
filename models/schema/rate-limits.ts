import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Fixed-window counters shared by every app process.
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index('rate_limits_reset_idx').on(table.resetAt)],
);
