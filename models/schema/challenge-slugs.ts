import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { challenges } from './challenges.ts';

// Addresses a challenge had before its title changed; they redirect to its current one.
export const challengeFormerSlugs = pgTable(
  'challenge_former_slugs',
  {
    slug: text('slug').primaryKey(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    replacedAt: timestamp('replaced_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
  },
  (table) => [index('challenge_former_slugs_challenge_idx').on(table.challengeId)],
);
