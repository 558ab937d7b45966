import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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

/**
 * Statuses that do not count as a proposal on a challenge: the team's drafts and what it
 * withdrew. challenges.proposal_count counts the rest; the trigger that keeps it (migration
 * 0018) spells the same list in SQL, and a test holds the two together.
 */
export const uncountedProposalStatuses = [
  'draft',
  'withdrawn',
] as const satisfies readonly ProposalStatus[];
export const proposalStatus = pgEnum('proposal_status', proposalStatuses);

export const repositoryCheckStatuses = ['unchecked', 'verified', 'failed', 'unreachable'] as const;
export type RepositoryCheckStatus = (typeof repositoryCheckStatuses)[number];
export const repositoryCheckStatus = pgEnum('repository_check_status', repositoryCheckStatuses);

// A team's open-source answer to a challenge, from draft to adoption.
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
    // Markdown.
    approach: text('approach').notNull().default(''),
    repositoryUrl: text('repository_url'),
    demoUrl: text('demo_url'),
    technologies: text('technologies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: proposalStatus('status').notNull().default('draft'),
    declineReason: text('decline_reason'),
    // The open-source check of the repository through the GitHub API, and when it ran.
    repositoryCheck: repositoryCheckStatus('repository_check').notNull().default('unchecked'),
    repositoryCheckedAt: timestamp('repository_checked_at', { withTimezone: true, precision: 3 }),
    repositoryLicense: text('repository_license'),
    repositoryProblem: text('repository_problem'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('proposals_challenge_idx').on(table.challengeId, table.status),
    index('proposals_lead_idx').on(table.leadId),
    // One live proposal per lead per challenge; drafting checks it first under a row lock.
    uniqueIndex('proposals_one_live_per_lead_idx')
      .on(table.challengeId, table.leadId)
      .where(sql`${table.status} <> 'withdrawn' and ${table.leadId} is not null`),
    // The lifecycle goes submitted → accepted → delivered, each stamped when it happens.
    check(
      'proposals_accepted_after_submitted_check',
      sql`${table.acceptedAt} is null or (${table.submittedAt} is not null and ${table.acceptedAt} >= ${table.submittedAt})`,
    ),
    check(
      'proposals_delivered_after_accepted_check',
      sql`${table.deliveredAt} is null or (${table.acceptedAt} is not null and ${table.deliveredAt} >= ${table.acceptedAt})`,
    ),
  ],
);

export type Proposal = typeof proposals.$inferSelect;
