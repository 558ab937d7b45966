import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { challenges } from './challenges.ts';
import { users } from './users.ts';

export const proposalStatuses = [
  'draft',
  'submitted',
  'accepted',
  'declined',
  'in_progress',
  'delivered',
  'adopted',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const proposalStatus = pgEnum('proposal_status', proposalStatuses);

// The core of a proposal; the proposals feature adds its team, repository check and reviews.
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    status: proposalStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [index('proposals_challenge_idx').on(table.challengeId, table.status)],
);

export type Proposal = typeof proposals.$inferSelect;
