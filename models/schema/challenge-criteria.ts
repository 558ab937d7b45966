import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { challenges } from './challenges.ts';

/**
 * One weighted criterion a challenge's proposals are scored on; the active ones' weights sum to
 * 100. Scores point at the row, so renaming a criterion keeps them.
 */
export const challengeCriteria = pgTable(
  'challenge_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    // Null only on a retired criterion whose weight was never known (see the data migration).
    weight: integer('weight'),
    // Removed from the challenge after reviewers scored it: kept so those scores are not lost
    // (the score export lists them), but out of the form, the score sheet and the ranking.
    retired: boolean('retired').notNull().default(false),
  },
  (table) => [
    index('challenge_criteria_challenge_idx').on(table.challengeId, table.position),
    uniqueIndex('challenge_criteria_position_idx')
      .on(table.challengeId, table.position)
      .where(sql`not ${table.retired}`),
    // The form refuses two criteria whose names differ only in case: so does the index.
    uniqueIndex('challenge_criteria_name_idx')
      .on(table.challengeId, sql`lower(${table.name})`)
      .where(sql`not ${table.retired}`),
    check('challenge_criteria_weight_check', sql`${table.weight} between 1 and 100`),
    check(
      'challenge_criteria_active_weight_check',
      sql`${table.retired} or ${table.weight} is not null`,
    ),
    check('challenge_criteria_position_check', sql`${table.position} >= 0`),
  ],
);

export type ChallengeCriterion = typeof challengeCriteria.$inferSelect;
