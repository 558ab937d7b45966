import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { challenges } from './challenges.ts';
import { users } from './users.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// Public questions about a challenge, answered by its organization or anyone signed in.
export const challengeQuestions = pgTable(
  'challenge_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('challenge_questions_challenge_idx').on(table.challengeId, table.createdAt),
    index('challenge_questions_author_idx').on(table.authorId),
  ],
);

export const questionAnswers = pgTable(
  'question_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => challengeQuestions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('question_answers_question_idx').on(table.questionId, table.createdAt),
    index('question_answers_author_idx').on(table.authorId),
  ],
);

export type ChallengeQuestion = typeof challengeQuestions.$inferSelect;
export type QuestionAnswer = typeof questionAnswers.$inferSelect;
